// Git through execFile (no shell). The token reaches git only through the environment
// (GIT_CONFIG_COUNT/KEY/VALUE → http.extraheader), never argv, and is masked in any error text.
import { execFile } from 'node:child_process';
import { UserError } from '../errors.js';

export interface GitIdentity {
  name: string;
  email: string;
}

export const DEFAULT_IDENTITY: GitIdentity = {
  name: 'github-actions[bot]',
  email: '41898282+github-actions[bot]@users.noreply.github.com',
};

// A stuck network operation fails the run instead of hanging the job.
const GIT_TIMEOUT_MS = 10 * 60 * 1000;

export class Git {
  readonly cwd: string;
  readonly #env: NodeJS.ProcessEnv;
  readonly #secrets: string[];

  constructor(cwd: string, options: { token?: string; identity?: GitIdentity } = {}) {
    this.cwd = cwd;
    const identity = options.identity ?? DEFAULT_IDENTITY;
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      GIT_TERMINAL_PROMPT: '0',
      GIT_AUTHOR_NAME: identity.name,
      GIT_AUTHOR_EMAIL: identity.email,
      GIT_COMMITTER_NAME: identity.name,
      GIT_COMMITTER_EMAIL: identity.email,
    };
    this.#secrets = [];
    // Config through the environment (GIT_CONFIG_COUNT, git ≥ 2.31): nothing secret in argv, and a
    // user's commit signing setup cannot break the bot's commit.
    const config: [string, string][] = [['commit.gpgsign', 'false']];
    if (options.token) {
      const basic = Buffer.from(`x-access-token:${options.token}`).toString('base64');
      config.push(['http.extraheader', `AUTHORIZATION: basic ${basic}`]);
      this.#secrets.push(options.token, basic);
    }
    env['GIT_CONFIG_COUNT'] = String(config.length);
    config.forEach(([key, value], i) => {
      env[`GIT_CONFIG_KEY_${i}`] = key;
      env[`GIT_CONFIG_VALUE_${i}`] = value;
    });
    this.#env = env;
  }

  /** Runs `git args…` in cwd and returns stdout; a failure is an `external` UserError. */
  run(args: string[], options: { allowFailure?: boolean } = {}): Promise<{ code: number; stdout: string }> {
    return new Promise((resolve, reject) => {
      execFile('git', args, { cwd: this.cwd, env: this.#env, maxBuffer: 16 << 20, timeout: GIT_TIMEOUT_MS }, (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        if (error && !options.allowFailure) {
          const detail = this.#mask(String(stderr || error.message).trim().split('\n').slice(-3).join(' | '));
          reject(new UserError(`git ${args[0]} failed: ${detail}`, { code: 'external' }));
          return;
        }
        resolve({ code, stdout: String(stdout) });
      });
    });
  }

  async out(args: string[]): Promise<string> {
    return (await this.run(args)).stdout.trim();
  }

  #mask(text: string): string {
    return this.#secrets.reduce((acc, secret) => acc.split(secret).join('***'), text);
  }
}
