import { describe, expect, it } from 'vitest';
import { mayDeploy, rolesToGive } from './service-tokens';

describe('organisation roles', () => {
  it('offers only roles up to the member’s own: ADMIN > MANAGER > DEVELOPER, ACCOUNTING apart', () => {
    expect(rolesToGive('ADMIN')).toEqual(['ADMIN', 'MANAGER', 'DEVELOPER', 'ACCOUNTING']);
    expect(rolesToGive('MANAGER')).toEqual(['MANAGER', 'DEVELOPER']);
    expect(rolesToGive('DEVELOPER')).toEqual(['DEVELOPER']);
    expect(rolesToGive('ACCOUNTING')).toEqual(['ACCOUNTING']);
  });

  it('lets DEVELOPER and up deploy, ACCOUNTING not', () => {
    expect((['ADMIN', 'MANAGER', 'DEVELOPER', 'ACCOUNTING'] as const).map(mayDeploy)).toEqual([true, true, true, false]);
  });
});
