import * as core from '@actions/core';
import { errorMessage } from '../errors.js';

/** The action's composition root. */
export async function run(): Promise<void> {
  try {
    throw new Error('the action is not implemented yet');
  } catch (error) {
    core.setFailed(errorMessage(error));
  }
}
