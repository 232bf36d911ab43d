// Platform strings: arm64's default variant (v8) names the same platform as no variant, so the
// flattened image's config does not depend on which of the two a builder wrote.
import { describe, expect, it } from 'vitest';
import { normalPlatform } from '../../../src/image/platform.js';

describe('normalPlatform', () => {
  it('leaves arm64/v8 as arm64, keeps every other variant, and maps the kernel names of architectures', () => {
    expect(normalPlatform('linux/arm64/v8')).toBe('linux/arm64');
    expect(normalPlatform('linux/arm64')).toBe('linux/arm64');
    expect(normalPlatform('linux/arm/v7')).toBe('linux/arm/v7');
    expect(normalPlatform('linux/amd64')).toBe('linux/amd64');
    expect(normalPlatform('linux/aarch64')).toBe('linux/arm64');
    expect(normalPlatform('linux/x86_64')).toBe('linux/amd64');
  });

  it('refuses what is not os/arch[/variant]', () => {
    expect(() => normalPlatform('linux')).toThrow(/expected os\/arch\[\/variant\]/);
    expect(() => normalPlatform('linux/amd64/v2/x')).toThrow(/expected os\/arch\[\/variant\]/);
  });
});
