/** The UTC calendar day of an instant, `YYYY-MM-DD`: what FHIR date parameters and the policy's dates hold. */
export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}
