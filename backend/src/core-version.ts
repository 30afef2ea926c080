/** The core version the stand-in claims to be (GET /systeminformation), and comparisons on it. */

export const DEFAULT_CORE_VERSION = '2.8.5';

/** major.minor of a version string such as "2.6.1" or "2.8.5  Build 02eec5"; null when unparsable. */
export function parseCoreVersion(version: string): [number, number, number] | null {
  const m = /^(\d+)\.(\d+)(?:\.(\d+))?/.exec(version.trim());
  return m ? [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)] : null;
}

export function coreAtLeast(version: string, major: number, minor: number): boolean {
  const v = parseCoreVersion(version);
  if (!v) {
    return true;
  }
  return v[0] > major || (v[0] === major && v[1] >= minor);
}

/** Tag commits of released cores (buildnumber-maven-plugin, shortRevisionLength 6). */
const BUILDS: Record<string, string> = { '2.8.5': '02eec5', '2.6.1': '0b8ae6' };

/**
 * OpenmrsConstants.OPENMRS_VERSION = the api jar's Specification-Vendor, openmrs.version.long:
 * "<major>.<minor>.<incremental> <qualifier> Build <revision>". A release has an empty qualifier,
 * hence the two spaces [code inference from the pom; not seen on a running server].
 */
export function openmrsVersionLong(version: string): string {
  const v = parseCoreVersion(version);
  const [base, qualifier] = v ? [`${v[0]}.${v[1]}.${v[2]}`, version.trim().replace(/^\d+\.\d+(\.\d+)?-?/, '')] : [version, ''];
  let build = BUILDS[base];
  if (!build) {
    let h = 0;
    for (const ch of version) {
      h = (Math.imul(h, 31) + ch.charCodeAt(0)) >>> 0;
    }
    build = h.toString(16).padStart(8, '0').slice(0, 6);
  }
  return `${base} ${qualifier} Build ${build}`;
}
