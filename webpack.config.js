module.exports = require('openmrs/default-webpack-config');
