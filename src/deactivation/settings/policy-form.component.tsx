import React, { useState } from 'react';
import {
  Button,
  FilterableMultiSelect,
  Form,
  FormGroup,
  InlineLoading,
  RadioButton,
  RadioButtonGroup,
  Stack,
  TextInput,
  Toggle,
} from '@carbon/react';
import { useTranslation } from '../../common/use-translation';
import ErrorNotice from '../../common/error-notice.component';
import { validatePolicy } from '../policy-json';
import type { DeactivationPolicy } from '../types';
import {
  fieldProblems,
  toFormValues,
  toPolicy,
  type FieldProblem,
  type PolicyFormField,
  type PolicyFormValues,
} from './policy-form-values';
import styles from './deactivation-settings.scss';
import { describedByError } from '../../common/accessible-errors';

interface PolicyFormProps {
  policy: DeactivationPolicy;
  roleNames: string[];
  /** resolves false when the save was called off (nothing written) */
  onSave(policy: DeactivationPolicy): Promise<void | false>;
  /** shown instead of the Save button while the page asks to confirm a save */
  confirmation?: React.ReactNode;
  /** called with the policy as edited, valid or not, so the page can preview its effect */
  onChange?(policy: DeactivationPolicy | null): void;
}

const draftKey = 'useraccess.deactivationPolicyDraft';

function readDraft(): PolicyFormValues | null {
  try {
    return JSON.parse(window.sessionStorage.getItem(draftKey) ?? 'null');
  } catch {
    return null;
  }
}

function writeDraft(values: PolicyFormValues | null) {
  if (values) {
    window.sessionStorage.setItem(draftKey, JSON.stringify(values));
  } else {
    window.sessionStorage.removeItem(draftKey);
  }
}

const PolicyForm: React.FC<PolicyFormProps> = ({ policy, roleNames, onSave, onChange, confirmation }) => {
  const { t } = useTranslation();
  // What was typed survives the form being mounted again (a session refresh, a reload) until it is saved.
  const [values, setValues] = useState<PolicyFormValues>(() => ({ ...toFormValues(policy), ...readDraft() }));
  const [submitted, setSubmitted] = useState(false);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  const problems = fieldProblems(values);
  const hasProblems = Object.keys(problems).length > 0;

  const describe = (problem: FieldProblem | undefined): string | undefined => {
    switch (problem?.kind) {
      case 'wholeNumber':
        return t('wholeNumberRange', 'Enter a whole number from {{min}} to {{max}}.', { min: problem.min, max: problem.max });
      case 'invalidPattern':
        return t('invalidPattern', 'This is not a valid regular expression: {{detail}}', { detail: problem.detail });
      case 'noDemoMatcher':
        return t('noDemoMatcher', 'Give a family name, a username prefix or a system ID pattern to recognise demo accounts.');
      default:
        return undefined;
    }
  };
  const errorFor = (field: PolicyFormField) => (submitted || values[field] !== toFormValues(policy)[field] ? describe(problems[field]) : undefined);

  const update = <K extends PolicyFormField>(field: K, value: PolicyFormValues[K]) => {
    const next = { ...values, [field]: value };
    setValues(next);
    writeDraft(next);
    setSaved(false);
    onChange?.(Object.keys(fieldProblems(next)).length ? null : toPolicy(next));
  };

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    setSaveError(null);
    if (hasProblems) {
      return;
    }
    const candidate = toPolicy(values);
    const engineErrors = validatePolicy(candidate);
    if (engineErrors.length) {
      setSaveError(engineErrors.join(' '));
      return;
    }
    setSaving(true);
    try {
      if ((await onSave(candidate)) !== false) {
        writeDraft(null);
        setSaved(true);
      }
    } catch (error) {
      setSaveError((error as Error).message);
    } finally {
      setSaving(false);
    }
  };

  const textField = (
    field: PolicyFormField,
    label: string,
    { id = `policy-${field}`, helper, numeric = false }: { id?: string; helper?: string; numeric?: boolean } = {},
  ) => (
    <TextInput
      id={id}
      labelText={label}
      helperText={helper}
      inputMode={numeric ? 'numeric' : undefined}
      value={values[field] as string}
      onChange={(event) => update(field, event.target.value)}
      invalid={Boolean(errorFor(field))}
      invalidText={errorFor(field)}
      {...describedByError(id, errorFor(field))}
    />
  );
  const numberField = (field: PolicyFormField, label: string, helper?: string) =>
    textField(field, label, { helper, numeric: true });

  const toggleField = (field: 'enabled' | 'demoEnabled' | 'emailWarningsEnabled', id: string, label: string) => (
    <Toggle
      id={id}
      labelText={label}
      labelA={t('off', 'Off')}
      labelB={t('on', 'On')}
      toggled={values[field]}
      onToggle={(checked: boolean) => update(field, checked)}
    />
  );

  return (
    <Form onSubmit={submit} className={styles.form} aria-label={t('deactivationPolicy', 'Deactivation policy')} noValidate>
      <Stack gap={6}>
        {toggleField('enabled', 'policy-enabled', t('automaticDeactivation', 'Automatic deactivation'))}
        <FormGroup legendText={t('inactivityLimits', 'Inactivity limits')}>
          <Stack gap={5}>
            {numberField('inactiveDays', t('inactiveDaysLabel', 'Days without a login before an account is deactivated'))}
            <RadioButtonGroup
              legendText={t('neverLoggedInLegend', 'Accounts that never logged in')}
              name="policy-never-logged-in"
              orientation="vertical"
              valueSelected={values.neverLoggedIn}
              onChange={(value) => update('neverLoggedIn', value as PolicyFormValues['neverLoggedIn'])}
            >
              <RadioButton id="never-logged-in-never" value="never" labelText={t('neverDeactivate', 'Never deactivate them (safer)')} />
              <RadioButton
                id="never-logged-in-created"
                value="countFromCreation"
                labelText={t('countFromCreation', 'Count from the day the account was created (what core OpenMRS does)')}
              />
            </RadioButtonGroup>
          </Stack>
        </FormGroup>
        <FormGroup legendText={t('demoAccounts', 'Demo accounts')}>
          <Stack gap={5}>
            {toggleField('demoEnabled', 'policy-demo-enabled', t('demoRule', 'Deactivate demo accounts sooner'))}
            {numberField('demoInactiveDays', t('demoInactiveDaysLabel', 'Days without a login for demo accounts'))}
            {textField('demoFamilyName', t('demoFamilyName', 'Family name of demo accounts'), {
              id: 'policy-demo-family-name',
            })}
            {textField('demoUsernamePrefix', t('demoUsernamePrefix', 'Username prefix of demo accounts'), {
              id: 'policy-demo-username-prefix',
            })}
            {textField('demoSystemIdPattern', t('demoSystemIdPattern', 'System ID pattern of demo accounts (regular expression)'), {
              id: 'policy-demo-system-id',
              helper: t('demoSystemIdHelper', 'The default 9+-\\d+ matches 9-1, 99-2 and 999-3.'),
            })}
          </Stack>
        </FormGroup>
        <FormGroup legendText={t('protectionAndWarnings', 'Protection and warnings')}>
          <Stack gap={5}>
            <FilterableMultiSelect
              id="policy-exempt-roles"
              titleText={t('exemptRoles', 'Roles never deactivated')}
              helperText={t('exemptRolesHelper', 'System Developer accounts and your own account are never deactivated.')}
              placeholder={t('chooseRoles', 'Choose roles')}
              items={roleNames}
              itemToString={(item: string | null) => item ?? ''}
              initialSelectedItems={values.exemptRoles}
              onChange={({ selectedItems }: { selectedItems: string[] }) => update('exemptRoles', selectedItems)}
            />
            {numberField('warningDays', t('warningDaysLabel', 'Warn this many days before a deactivation'))}
            {numberField(
              'maxPerRun',
              t('maxPerRunLabel', 'Most accounts one run may deactivate'),
              t('maxPerRunHelper', 'A run that would deactivate more stops before changing anything.'),
            )}
          </Stack>
        </FormGroup>
        <FormGroup legendText={t('emailWarnings', 'Email warnings')}>
          <Stack gap={5}>
            {toggleField('emailWarningsEnabled', 'policy-email-warnings', t('emailWarningsToggle', 'Email each user before their account is deactivated'))}
            {textField('emailWarningsDaysBefore', t('emailWarningsDaysLabel', 'Days before the deactivation to send it'), {
              id: 'policy-email-warnings-days',
              numeric: true,
              helper: t('emailWarningsDaysHelper', 'Leave empty to use the warning period above. The headless sweep sends it.'),
            })}
          </Stack>
        </FormGroup>
        {submitted && hasProblems && (
          <ErrorNotice title={t('fixErrors', 'Nothing was saved.')} error={t('fixErrorsSubtitle', 'Correct the fields marked in red.')} />
        )}
        {saveError && (
          <ErrorNotice title={t('saveFailed', 'Nothing was saved.')} error={saveError} />
        )}
        {confirmation ?? (
          <div className={styles.actions}>
            {saving ? (
              <InlineLoading description={t('saving', 'Saving…')} />
            ) : (
              <Button type="submit" kind="primary">
                {t('saveSettings', 'Save settings')}
              </Button>
            )}
            {saved && <span role="status">{t('settingsSaved', 'Settings saved.')}</span>}
          </div>
        )}
      </Stack>
    </Form>
  );
};

export default PolicyForm;
