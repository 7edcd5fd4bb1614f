/**
 * Data validation (dropdown lists): https://developers.google.com/apps-script/reference/spreadsheet/data-validation.
 * Building a rule stays in the script (no backend call until Range.setDataValidation), so nothing here is counted.
 */
import type { ListValidation } from '../../workbook';
import type { GValidation, GValidationBuilder, Localized } from './googleTypes';

export class LocalDataValidation
  implements Pick<Localized<GValidation>, 'getCriteriaValues' | 'getAllowInvalid' | 'getHelpText' | 'copy'>
{
  constructor(readonly rule: ListValidation) {}
  getCriteriaValues(): unknown[] {
    return [this.rule.values.slice(), true];
  }
  getAllowInvalid(): boolean {
    return this.rule.allowInvalid;
  }
  getHelpText(): string {
    return this.rule.helpText ?? '';
  }
  copy(): LocalDataValidationBuilder {
    const b = new LocalDataValidationBuilder();
    b.rule = { ...this.rule, values: this.rule.values.slice() };
    return b;
  }
}

export class LocalDataValidationBuilder
  implements Pick<Localized<GValidationBuilder>, 'requireValueInList' | 'setAllowInvalid' | 'setHelpText' | 'build'>
{
  rule: ListValidation = { kind: 'list', values: [], allowInvalid: true };
  requireValueInList(values: string[], _showDropdown?: boolean): LocalDataValidationBuilder {
    this.rule.values = values.map(String);
    return this;
  }
  setAllowInvalid(allowInvalidData: boolean): LocalDataValidationBuilder {
    this.rule.allowInvalid = allowInvalidData;
    return this;
  }
  setHelpText(helpText: string): LocalDataValidationBuilder {
    this.rule.helpText = helpText;
    return this;
  }
  build(): LocalDataValidation {
    return new LocalDataValidation({ ...this.rule, values: this.rule.values.slice() });
  }
}
