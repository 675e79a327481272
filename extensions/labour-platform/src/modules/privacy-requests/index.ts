/**
 * "Inzage en verwijdering / Access and erasure": the municipality administrator finds the person an access or erasure
 * request is about (exact case number or BSN: POST /privacy/requests/find), opens or downloads the access export
 * (HTML, JSON) and erases on request with the request's reference and a confirmation. Registered for the municipality
 * administrator only; the module bar lists it through `module_bar` in schema/settings.json.
 */
import { defineModule } from '@directus/extensions-sdk';
// The extension build compiles .vue files with the Vue plugin; tsc has no declarations for them in this project.
// @ts-ignore
import ModuleComponent from './module.vue';
import { ROLE_IDS } from '../../glue/roles';

interface AppUser {
  role?: { id?: string | null } | string | null;
}

export default defineModule({
  id: 'privacy-requests',
  name: '$t:modules.privacy_requests.name',
  icon: 'policy',
  routes: [{ path: '', component: ModuleComponent }],
  preRegisterCheck: (user) => {
    const role = (user as AppUser | null)?.role;
    return (typeof role === 'string' ? role : (role?.id ?? null)) === ROLE_IDS.municipalityAdmin;
  },
});
