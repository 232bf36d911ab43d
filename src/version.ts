// The builder's version, recorded in measurements and provenance. Kept in step with package.json
// by a unit test.
export const BUILDER_NAME = 'nitro-eif-build';
export const BUILDER_VERSION = '0.1.0';
