/**
 * "Import / Inlezen": a provider (or a clerk on behalf of a provider) reads a spreadsheet of migrants in through
 * the intake endpoints: choose a file and a kind of list, a dry run with the matched columns (correctable), the
 * counts and every refused row, then the commit with a progress bar and the report. Registered only for the roles
 * that import; the module bar lists it through `module_bar` in schema/settings.json.
 */
import { defineModule } from '@directus/extensions-sdk';
// The extension build compiles .vue files with the Vue plugin; tsc has no declarations for them in this project.
// @ts-ignore
import ModuleComponent from './module.vue';
import { mayImport } from './access';

export default defineModule({
  id: 'intake',
  name: '$t:modules.intake.name',
  icon: 'upload_file',
  routes: [{ path: '', component: ModuleComponent }],
  preRegisterCheck: (user) => mayImport(user as Parameters<typeof mayImport>[0]),
});
