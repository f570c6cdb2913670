export { buildDocument, type ExportSource } from './build-document.js';
export { exportApi } from './export-api.js';
export { importApi, reimportApi } from './import-api.js';
export { readImportPlan, type ImportPlan } from './import-plan.js';
