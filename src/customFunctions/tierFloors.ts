import { InputError } from '../core/reading/inputError';
import type { Rules } from '../core/rules';
import { DEFAULT_SETTINGS } from '../core/settings/settings';
import { validateSettings } from '../core/settings/validation';
import type { Arg } from './columns';

const TIERS = ['Champion', 'Healthy', 'At-risk', 'Critical'] as const;
const PARAMS = ['champion_from', 'healthy_from', 'at_risk_from', 'critical_from'];

/**
 * The rules with PARTNER_TIER's optional floors in place of the stored ones: a blank or left-out argument
 * keeps the Settings value. Checked by the same rules as the Settings dialog (whole 1…100, descending).
 */
export function withTierFloors(rules: Rules, floors: readonly Arg[]): Rules {
  if (floors.every((f) => f === undefined || f === null || f === '')) return rules;
  const tierFloors: Record<string, unknown> = { ...rules.tierFloors };
  floors.forEach((f, i) => {
    if (Array.isArray(f))
      throw new InputError(`PARTNER_TIER ${PARAMS[i]}`, 'a range', 'is not allowed; give one number, such as 85');
    if (f !== undefined && f !== null && f !== '') tierFloors[TIERS[i]] = f;
  });
  const { settings, errors } = validateSettings({ ...DEFAULT_SETTINGS, rules: { ...rules, tierFloors } });
  if (errors.length > 0) throw new Error(`PARTNER_TIER: ${errors.map((e) => e.message).join('; ')}`);
  return settings.rules;
}
