/* Tests see the English defaults, with {{placeholders}} filled in, as users of the English locale do. */
const React = require('react');

function interpolate(text, options) {
  return text.replace(/{{\s*(\w+)\s*}}/g, (match, name) => (options && name in options ? String(options[name]) : match));
}

function t(key, defaultValueOrOptions, maybeOptions) {
  const options = typeof defaultValueOrOptions === 'object' ? defaultValueOrOptions : maybeOptions;
  const defaultValue = typeof defaultValueOrOptions === 'string' ? defaultValueOrOptions : options?.defaultValue;
  return interpolate(defaultValue ?? key, options);
}

const i18n = { language: 'en', changeLanguage: () => Promise.resolve() };

module.exports = {
  useTranslation: () => ({ t, i18n }),
  Trans: ({ children }) => children,
  I18nextProvider: ({ children }) => children,
  initReactI18next: { type: '3rdParty', init: () => {} },
  withTranslation: () => (Component) => (props) => React.createElement(Component, { ...props, t }),
};
