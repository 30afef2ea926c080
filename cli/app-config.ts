/**
 * The app shell's config for the sweep: the same JSON file the app shell is given (its
 * `@openmrs/esm-user-access-app` section), or that section alone. Only `deactivationRoleLimits`
 * matters to the sweep: its role limits run as they do on the app's pages.
 */
import { readFile } from 'node:fs/promises';
/** the app's name in the app shell config (src/constants.ts moduleName, which needs a browser) */
const moduleName = '@openmrs/esm-user-access-app';
import { roleLimitRule, type RoleLimitRuleConfig } from '../src/deactivation/role-limit-rule';
import type { CustomRule } from '../src/deactivation/types';
import { UsageError } from './args';

/** As the config schema's validator (src/config-schema.ts) says. */
function roleLimitProblem(limit: unknown, index: number): string | null {
  const l = limit as Partial<RoleLimitRuleConfig> | null;
  const at = `deactivationRoleLimits[${index}]`;
  if (!l || typeof l !== 'object') {
    return `${at} must be an object with name, role and inactiveDays.`;
  }
  if (typeof l.name !== 'string' || !l.name.trim()) {
    return `${at}.name must be text.`;
  }
  if (typeof l.role !== 'string' || !l.role.trim()) {
    return `${at}.role must be a role name.`;
  }
  if (typeof l.inactiveDays !== 'number' || !Number.isInteger(l.inactiveDays) || l.inactiveDays < 1 || l.inactiveDays > 3650) {
    return `${at}.inactiveDays must be a whole number from 1 to 3650.`;
  }
  return null;
}

export function roleLimitsFromConfig(config: unknown, path: string): RoleLimitRuleConfig[] {
  if (!config || typeof config !== 'object' || Array.isArray(config)) {
    throw new UsageError(`${path} must hold a JSON object (the app shell config).`);
  }
  const section = (moduleName in config ? (config as Record<string, unknown>)[moduleName] : config) as Record<string, unknown> | null;
  const limits = section?.deactivationRoleLimits;
  if (limits === undefined) {
    return [];
  }
  if (!Array.isArray(limits)) {
    throw new UsageError(`${path}: deactivationRoleLimits must be a list.`);
  }
  const problems = limits.map(roleLimitProblem).filter((p): p is string => p !== null);
  if (problems.length) {
    throw new UsageError(`${path}: ${problems.join(' ')}`);
  }
  return limits as RoleLimitRuleConfig[];
}

/** The config's role limits as rules, in the order the app applies them (before registered rules). */
export async function loadConfigRules(path: string): Promise<CustomRule[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new UsageError(`--config ${path} cannot be read: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`--config ${path} is not JSON: ${(error as Error).message}`);
  }
  return roleLimitsFromConfig(json, path).map(roleLimitRule);
}
