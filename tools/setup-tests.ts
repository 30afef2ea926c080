import '@testing-library/jest-dom';

window.openmrsBase = '/openmrs';
window.spaBase = '/openmrs/spa';
window.getOpenmrsSpaBase = () => '/openmrs/spa/';

// What jsdom lacks and Carbon uses.
class ResizeObserverStub {
  observe() {}
  unobserve() {}
  disconnect() {}
}
window.ResizeObserver = window.ResizeObserver ?? (ResizeObserverStub as unknown as typeof ResizeObserver);
window.matchMedia =
  window.matchMedia ??
  ((query: string) =>
    ({
      matches: false,
      media: query,
      onchange: null,
      addListener: () => {},
      removeListener: () => {},
      addEventListener: () => {},
      removeEventListener: () => {},
      dispatchEvent: () => false,
    }) as MediaQueryList);
Element.prototype.scrollIntoView = Element.prototype.scrollIntoView ?? (() => {});

// Carbon announces its feature flags on every import; that is noise in test output.
const info = console.info;
console.info = (...args: unknown[]) => {
  if (typeof args[0] === 'string' && args[0].startsWith('[@carbon/feature-flags]')) {
    return;
  }
  info(...args);
};
