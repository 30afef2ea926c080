/**
 * style-loader's job for the production build, without its runtime (about 1 kB gzipped in the chunk of
 * the first stylesheet, which is the session-location switcher's, loaded on every O3 page): appends
 * one <style> per stylesheet to <head>, as style-loader does by default, and exports the CSS module's
 * class names. No hot reloading, which a production build does not use.
 */
module.exports = function styleTagLoader() {};

module.exports.pitch = function pitch(request) {
  const cssModule = JSON.stringify(this.utils.contextify(this.context, `!!${request}`));
  return `import content from ${cssModule};
const style = document.createElement('style');
if (typeof __webpack_nonce__ !== 'undefined') style.nonce = __webpack_nonce__;
style.textContent = content.toString();
document.head.appendChild(style);
export default content.locals;
`;
};
