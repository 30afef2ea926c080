/**
 * Where the browser tests run. tools/e2e.mjs sets these for the local stack; set them yourself
 * to run the same specs against a real OpenMRS 3 server that has this module installed.
 *
 *   E2E_BASE_URL   the OpenMRS base URL, e.g. http://localhost:8080/openmrs (no trailing /spa)
 *   E2E_USER, E2E_PASSWORD   an administrator account (default admin / Admin123)
 *   E2E_LOGIN_DEFAULT_LOCATION_UUID   session location for the API login (default: the first login location)
 */
import path from 'node:path';

export const baseUrl = (process.env.E2E_BASE_URL || 'http://localhost:8080/openmrs').replace(/\/+$/, '');
export const spaUrl = `${baseUrl}/spa`;
export const restUrl = `${baseUrl}/ws/rest/v1`;
export const fhirUrl = `${baseUrl}/ws/fhir2/R4`;

export const adminUser = process.env.E2E_USER || 'admin';
export const adminPassword = process.env.E2E_PASSWORD || 'Admin123';
export const defaultLocationUuid = process.env.E2E_LOGIN_DEFAULT_LOCATION_UUID || '';

export const e2eDir = path.resolve(__dirname, '..');
export const resultsDir = path.join(e2eDir, 'results');
/** E2E_SCREENSHOTS_SUFFIX keeps a second pass's screenshots apart, e.g. screenshots-old-server. */
export const screenshotsDir = path.join(e2eDir, `screenshots${process.env.E2E_SCREENSHOTS_SUFFIX ?? ''}`);
/** Cookies of an admin session created once by global-setup.ts (git-ignored). */
export const storageStatePath = path.join(resultsDir, 'storage-state.json');

export const basicAuthHeader = `Basic ${Buffer.from(`${adminUser}:${adminPassword}`).toString('base64')}`;
