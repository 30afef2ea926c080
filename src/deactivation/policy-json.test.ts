import { createDefaultPolicy, defaultPolicy, emailWarningDays, parsePolicy, serializePolicy, validatePolicy } from './policy-json';

describe('parsePolicy, validatePolicy, serializePolicy', () => {
  it('round-trips', () => {
    const p = { ...createDefaultPolicy(), enabled: true, exemptRoles: ['Data Manager'], neverLoggedIn: 'countFromCreation' as const };
    expect(parsePolicy(serializePolicy(p))).toEqual({ policy: p, errors: [] });
    expect(JSON.parse(serializePolicy(defaultPolicy)).version).toBe(1);
  });

  it.each([null, undefined, '', '   '])('not set yet (%p) → default, no errors', (json) => {
    expect(parsePolicy(json)).toEqual({ policy: defaultPolicy, errors: [] });
  });

  it.each`
    json                          | message
    ${'{not json'}                | ${/not valid JSON/}
    ${'[1,2]'}                    | ${/not an object/}
    ${'42'}                       | ${/not an object/}
    ${'null'}                     | ${/not an object/}
    ${'{"version":2}'}            | ${/unknown version \(2\)/}
    ${'{"enabled":true}'}         | ${/unknown version \(null\)/}
  `('garbage $json → default policy and an error', ({ json, message }) => {
    const { policy: p, errors } = parsePolicy(json);
    expect(p).toEqual(defaultPolicy);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(message);
  });

  it('fills missing fields with defaults', () => {
    const { policy: p, errors } = parsePolicy('{"version":1,"enabled":true,"inactiveDays":30,"demo":{"inactiveDays":1}}');
    expect(errors).toEqual([]);
    expect(p).toEqual({ ...defaultPolicy, enabled: true, inactiveDays: 30, demo: { ...defaultPolicy.demo, inactiveDays: 1 } });
  });

  it('falls back per field on a wrong type and says so; keeps out-of-range values and reports them', () => {
    const { policy: p, errors } = parsePolicy(
      '{"version":1,"enabled":"yes","inactiveDays":0,"warningDays":"x","demo":{"systemIdPattern":"(["}}',
    );
    expect(p.enabled).toBe(false);
    expect(p.inactiveDays).toBe(0);
    expect(p.warningDays).toBe(14);
    expect(errors).toEqual([
      expect.stringMatching(/"enabled" \("yes"\) has the wrong type/),
      expect.stringMatching(/"warningDays" \("x"\) has the wrong type/),
      'The inactivity limit must be a whole number of days from 1 to 3650.',
      expect.stringMatching(/^The demo system ID pattern is not a valid regular expression/),
    ]);
  });

  it.each`
    change                                                            | message
    ${{ inactiveDays: 0 }}                                            | ${'The inactivity limit must be a whole number of days from 1 to 3650.'}
    ${{ inactiveDays: 3651 }}                                         | ${'The inactivity limit must be a whole number of days from 1 to 3650.'}
    ${{ inactiveDays: 1.5 }}                                          | ${'The inactivity limit must be a whole number of days from 1 to 3650.'}
    ${{ warningDays: -1 }}                                            | ${'The warning period must be a whole number of days from 0 to 365.'}
    ${{ warningDays: 366 }}                                           | ${'The warning period must be a whole number of days from 0 to 365.'}
    ${{ maxPerRun: 0 }}                                               | ${'The maximum number of deactivations per run must be a whole number from 1 to 10000.'}
    ${{ maxPerRun: 10001 }}                                           | ${'The maximum number of deactivations per run must be a whole number from 1 to 10000.'}
    ${{ neverLoggedIn: 'sometimes' }}                                 | ${'Accounts that never logged in must be handled as "countFromCreation" or "never".'}
    ${{ exemptRoles: ['ok', ' '] }}                                   | ${'Exempt roles must be a list of role names, none of them blank.'}
    ${{ demo: { ...defaultPolicy.demo, inactiveDays: 0 } }}           | ${'The demo account limit must be a whole number of days from 1 to 3650.'}
    ${{ demo: { ...defaultPolicy.demo, systemIdPattern: '9+-(' } }}   | ${expect.stringMatching(/^The demo system ID pattern is not a valid regular expression: /)}
    ${{ demo: { enabled: true, inactiveDays: 2, familyName: ' ', usernamePrefix: '', systemIdPattern: '' } }} | ${expect.stringMatching(/^Demo accounts are enabled but no way to recognise them is set/)}
  `('validatePolicy($change)', ({ change, message }) => {
    expect(validatePolicy({ ...createDefaultPolicy(), ...change })).toEqual([message]);
  });

  it('accepts the defaults, the edges, and blank demo criteria when demo rules are disabled', () => {
    expect(validatePolicy(defaultPolicy)).toEqual([]);
    expect(
      validatePolicy({ ...createDefaultPolicy(), inactiveDays: 3650, warningDays: 0, maxPerRun: 10000 }),
    ).toEqual([]);
    expect(
      validatePolicy({
        ...createDefaultPolicy(),
        demo: { enabled: false, inactiveDays: 2, familyName: '', usernamePrefix: '', systemIdPattern: '' },
      }),
    ).toEqual([]);
  });
});

describe('email warnings in the policy', () => {
  it('are off by default, also for a policy saved before they existed', () => {
    expect(defaultPolicy.emailWarnings).toEqual({ enabled: false, daysBefore: null });
    const { policy, errors } = parsePolicy('{"version":1,"enabled":true}');
    expect(errors).toEqual([]);
    expect(policy.emailWarnings).toEqual({ enabled: false, daysBefore: null });
  });

  it('round-trip, and are sent warningDays before unless daysBefore says otherwise', () => {
    const saved = { ...createDefaultPolicy(), warningDays: 10, emailWarnings: { enabled: true, daysBefore: 3 } };
    const { policy } = parsePolicy(serializePolicy(saved));
    expect(policy.emailWarnings).toEqual({ enabled: true, daysBefore: 3 });
    expect(emailWarningDays(policy)).toBe(3);
    expect(emailWarningDays({ ...policy, emailWarnings: { enabled: true, daysBefore: null } })).toBe(10);
  });

  it.each`
    emailWarnings                          | message
    ${{ enabled: true, daysBefore: 0 }}    | ${'The days before deactivation to email a warning must be empty (the warning period) or a whole number from 1 to 365.'}
    ${{ enabled: true, daysBefore: 2.5 }}  | ${'The days before deactivation to email a warning must be empty (the warning period) or a whole number from 1 to 365.'}
    ${{ enabled: 'yes', daysBefore: null }} | ${'"Email warnings enabled" must be true or false.'}
  `('refuses $emailWarnings', ({ emailWarnings, message }) => {
    expect(validatePolicy({ ...createDefaultPolicy(), emailWarnings })).toEqual([message]);
  });

  it('a stored value of the wrong type falls back to off, with an error', () => {
    const { policy, errors } = parsePolicy('{"version":1,"emailWarnings":{"enabled":"on","daysBefore":"3"}}');
    expect(policy.emailWarnings).toEqual({ enabled: false, daysBefore: null });
    expect(errors).toEqual([
      'The saved value of "emailWarnings.enabled" ("on") has the wrong type; using false.',
      'The saved value of "emailWarnings.daysBefore" ("3") has the wrong type; using null.',
    ]);
  });
});
