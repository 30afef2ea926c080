/**
 * The app's own person attribute type (format org.openmrs.Location), used when LBAC is not installed; the
 * default of the config key patientLocationAttributeTypeUuid. Alone in this file so that the app's entry,
 * whose config schema names it, carries none of the other constants.
 */
export const APP_ATTRIBUTE_TYPE_DEFAULT_UUID = '3f6c7e0a-9b1d-4c52-8e7a-5d2b0c4a91e7';
