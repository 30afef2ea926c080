/**
 * The versions of core, webservices.rest and fhir2 the stand-in behaves as (--core-version,
 * --rest-version, --fhir2-version), and comparisons on them. The defaults are the newest versions
 * the README supports; each behaviour that differs by version names the real class it follows.
 */

export const DEFAULT_CORE_VERSION = '2.8.5';
export const DEFAULT_REST_VERSION = '3.4.1';
export const DEFAULT_FHIR2_VERSION = '4.2.0';

export interface ServerVersions {
  /** openmrs-core, reported by GET /systeminformation; below 2.7 there is no AutoRetireUsersTask */
  coreVersion: string;
  /** openmrs-module-webservices.rest, reported by GET /module/webservices.rest */
  restVersion: string;
  /** openmrs-module-fhir2, reported by GET /module/fhir2 */
  fhir2Version: string;
}

/** major.minor of a version string such as "2.6.1" or "2.8.5  Build 02eec5"; null when unparsable. */
export function parseCoreVersion(version: string): [number, number, number] | null {
  const m = /^(\d+)\.(\d+)(?:\.(\d+))?/.exec(version.trim());
  return m ? [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)] : null;
}

export function coreAtLeast(version: string, major: number, minor: number): boolean {
  return versionAtLeast(version, `${major}.${minor}.0`);
}

/** Whether `version` is `minimum` or later, e.g. versionAtLeast('2.48.2', '2.49.0') is false. Unparsable: true (newest). */
export function versionAtLeast(version: string, minimum: string): boolean {
  const v = parseCoreVersion(version);
  const m = parseCoreVersion(minimum);
  if (!v || !m) {
    return true;
  }
  for (let i = 0; i < 3; i++) {
    if (v[i] !== m[i]) {
      return v[i] > m[i];
    }
  }
  return true;
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
