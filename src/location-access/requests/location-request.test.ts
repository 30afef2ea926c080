import { ALERT_TEXT_MAX, decidedText, decodeRequest, encodeRequest, fitsInAlert, reasonRoom, REQUEST_PREFIX, type RequestBody } from './location-request';
import { outcomesOf, outcomesToShow, OUTCOMES_PROPERTY, withOutcome } from './request-outcomes';

const uuid = (i: number) => `aaaaaaaa-0000-4000-8000-${String(i).padStart(12, '0')}`;
const request: RequestBody = {
  kind: 'user',
  locations: [uuid(1), uuid(2)],
  endDate: '2027-01-31',
  reason: 'Covering the "night" shift – équipe B',
  patientUuid: null,
  status: 'pending',
  rejectionReason: null,
};

describe('a location request in an alert text', () => {
  it('reads back what was written, and ignores alerts that are not requests', () => {
    expect(decodeRequest(encodeRequest(request))).toEqual(request);
    expect(decodeRequest('Server restarted')).toBeNull();
    expect(decodeRequest(`${REQUEST_PREFIX}{broken`)).toBeNull();
    expect(decodeRequest(`${REQUEST_PREFIX}{"k":"u","l":[],"r":"x","s":"p"}`)).toBeNull();
  });

  it('always leaves room for the decision within the 512 characters core allows', () => {
    const eight = { ...request, locations: Array.from({ length: 8 }, (_, i) => uuid(i)) };
    const room = reasonRoom(eight);
    expect(room).toBeGreaterThan(0);
    const full = { ...eight, reason: 'r'.repeat(room) };
    expect(fitsInAlert(full)).toBe(true);
    expect(decidedText(full, 'rejected', 'n'.repeat(500)).length).toBeLessThanOrEqual(ALERT_TEXT_MAX);
    expect(fitsInAlert({ ...eight, locations: Array.from({ length: 12 }, (_, i) => uuid(i)), reason: 'x' })).toBe(false);
  });

  it('records a decision: approval drops nothing, rejection keeps its reason', () => {
    expect(decodeRequest(decidedText(request, 'approved', 'ignored'))).toEqual({ ...request, status: 'approved' });
    expect(decodeRequest(decidedText(request, 'rejected', ' Not this month '))).toEqual({
      ...request,
      status: 'rejected',
      rejectionReason: 'Not this month',
    });
  });
});

describe('request outcomes in the requester\'s user properties', () => {
  it('keeps the newest five, replacing a request decided again', () => {
    let props: Record<string, string> = {};
    for (let i = 0; i < 7; i++) {
      props = { [OUTCOMES_PROPERTY]: withOutcome(props, { id: `r${i}`, s: 'a', names: ['Ward'], at: '2026-12-01' }) };
    }
    props = { [OUTCOMES_PROPERTY]: withOutcome(props, { id: 'r5', s: 'r', names: ['Ward'], n: 'no', at: '2026-12-02' }) };
    expect(outcomesOf(props).map((o) => `${o.id}:${o.s}`)).toEqual(['r5:r', 'r6:a', 'r4:a', 'r3:a', 'r2:a']);
    expect(outcomesOf({ [OUTCOMES_PROPERTY]: 'not json' })).toEqual([]);
  });

  it('shows an outcome during the first login after the decision, not in later ones', () => {
    const outcomes = [
      { id: 'new', s: 'a' as const, names: ['Ward'], at: '2026-12-05' },
      { id: 'old', s: 'r' as const, names: ['Lab'], at: '2026-11-01' },
      { id: 'now', s: 'a' as const, names: ['Lab'], at: '2026-12-05' },
    ];
    expect(outcomesToShow(outcomes, { old: '100', now: '200' }, '200').map((o) => o.id)).toEqual(['new', 'now']);
  });
});
