/**
 * Portico as a library, for users' own test suites:
 *
 *   const gw = await startPortico({ dir: './infra', port: 0, targets: { 'my-load-balancer': [url] } });
 *   // gw.apis[0].stages[0].urls[0] …
 *   await gw.stop();
 */
export { type ApiUrls, type Portico, type PorticoOptions, type ReloadResult, type StageUrls, startPortico } from './server/index.js';
