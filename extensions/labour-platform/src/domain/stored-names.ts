/**
 * Names of dashboards, panels, flows and flow operations, stored as `$t:` keys in schema/dashboards.json and
 * flows/flows.json. Directus 11.17.4 translates `$t:` in collection and field names, notes and bookmarks, but shows
 * these names as stored; the platform translates them when they are read (glue/stored-names.ts), so each user sees
 * one language. Plain module: no Directus import.
 */
import { localised as t, type LocalisedText, type UiLanguage } from './ui-language';

const TRANSLATION_PREFIX = '$t:';

export const STORED_NAMES: Readonly<Record<string, LocalisedText>> = Object.freeze({
  'dashboards.workload.name': t('Werkvoorraad', 'Workload'),
  'dashboards.workload.note': t('Open BRP-taken van uw organisatie', 'Open BRP tasks of your organisation'),
  'panels.workload.open_tasks': t('Open taken', 'Open tasks'),
  'panels.workload.overdue': t('Te laat', 'Overdue'),
  'panels.workload.my_tasks': t('Mijn taken', 'My tasks'),
  'panels.workload.assess': t('Beoordelen', 'Assess'),
  'panels.workload.schedule': t('Inplannen', 'Schedule'),
  'panels.workload.register': t('Inschrijven', 'Register'),
  'panels.workload.deregister': t('Uitschrijven', 'Deregister'),
  'panels.workload.warnings': t('Signalen afhandelen', 'Warnings to handle'),
  'dashboards.warnings.name': t('Signalen', 'Warnings'),
  'dashboards.warnings.note': t(
    'Openstaande signalen van uw gemeente, per soort',
    'Unresolved warnings of your municipality, by type',
  ),
  'dashboards.provider_warnings.name': t('Signalen', 'Warnings'),
  'dashboards.provider_warnings.note': t(
    'Open signalen over uw locaties en bewoners',
    'Open warnings on your locations and residents',
  ),
  'panels.warnings.unresolved': t('Openstaande signalen', 'Unresolved warnings'),
  'panels.warnings.critical': t('Ernstig', 'Critical'),
  'panels.warnings.tasks': t('Signalen afhandelen', 'Warnings to handle'),
  'panels.warnings.latest': t('Laatste signalen', 'Latest warnings'),
  'panels.warnings.not_registered_in_time': t('Niet op tijd ingeschreven', 'Not registered in time'),
  'panels.warnings.no_free_bed': t('Geen vrij bed', 'No free bed'),
  'panels.warnings.overcrowded': t('Overbewoning', 'Overcrowding'),
  'panels.warnings.two_open_stays': t('Twee lopende verblijven', 'Two open stays'),
  'panels.warnings.stay_after_departure': t('Verblijf na vertrek', 'Stay after departure'),
  'panels.warnings.work_far_from_home': t('Werk ver van woning', 'Work far from home'),
  'panels.warnings.brp_address_mismatch': t('Ander adres in de BRP', 'Different address in the BRP'),
  'panels.warnings.delivery_overdue': t('Lijst niet aangeleverd', 'List not delivered'),
  'dashboards.inspection_plan.name': t('Inspectieplanning', 'Inspection plan'),
  'dashboards.inspection_plan.note': t(
    'Te inspecteren locaties, dringendste eerst',
    'Locations due for inspection, most pressing first',
  ),
  'panels.inspection_plan.due': t('Te inspecteren locaties', 'Locations due for inspection'),
  'dashboards.housing.name': t('Huisvesting', 'Housing'),
  // Directus's Insights overview gives a note 360 pixels: short enough to read whole
  'dashboards.housing.note': t('Locaties en bedden, zonder personen', 'Locations and beds, no persons'),
  'panels.housing.locations': t('Locaties', 'Locations'),
  'panels.housing.beds': t('Bedden', 'Beds'),
  'panels.housing.capacity_by_town': t('Capaciteit per plaats', 'Capacity by town'),
  'dashboards.insight.name': t('Inzicht', 'Insight'),
  'dashboards.insight.note': t(
    'Anonieme cijfers; kleine aantallen verborgen',
    'Anonymous figures; small counts hidden',
  ),
  'panels.insight.present_by_location': t('Aanwezig per locatie', 'Present per location'),
  'panels.insight.occupancy': t('Bezetting en capaciteit', 'Occupancy and capacity'),
  'panels.insight.brp_status_by_location': t('BRP-status per locatie', 'BRP status per location'),
  'panels.insight.present_by_nationality': t('Aanwezig per nationaliteit', 'Present per nationality'),
  'panels.insight.present_by_age_band': t('Aanwezig per leeftijdsgroep', 'Present per age band'),
  'panels.insight.arrivals_by_month': t('Aankomsten per maand (24 maanden)', 'Arrivals per month (24 months)'),
  'panels.insight.departures_by_month': t('Vertrekken per maand (24 maanden)', 'Departures per month (24 months)'),
  'panels.insight.length_of_stay': t('Verblijfsduur (vertrokken)', 'Length of stay (departed)'),
  'panels.insight.registered_within_5_days': t('Binnen 5 dagen ingeschreven', 'Registered within 5 days'),
  'panels.insight.housing_map': t('Kaart: huisvesting en capaciteit', 'Map: housing and capacity'),
  'panels.insight.planned_registrations': t('Geplande inschrijvingen per week', 'Planned registrations per week'),
  'panels.insight.arrivals_by_week': t('Aankomsten per week (104 weken)', 'Arrivals per week (104 weeks)'),
  'panels.insight.departures_by_week': t('Vertrekken per week (104 weken)', 'Departures per week (104 weeks)'),
  'panels.insight.registered_within_5_days_by_month': t(
    'Binnen 5 dagen ingeschreven per maand (24 maanden)',
    'Registered within 5 days per month (24 months)',
  ),
  'flows.capacity_summary.name': t('Capaciteitsoverzicht', 'Capacity summary'),
  'flows.capacity_summary.locations': t('Locaties lezen', 'Read locations'),
  'flows.capacity_summary.summary': t('Optellen', 'Sum'),
  'flows.consent_e_mail_the_invitation.name': t('Machtiging: uitnodiging e-mailen', 'Consent: e-mail the invitation'),
  'flows.consent_e_mail_the_invitation.has_email': t('Heeft e-mailadres', 'Has an e-mail address'),
  'flows.consent_e_mail_the_invitation.mail': t('E-mail versturen', 'Send the e-mail'),
  'flows.resend_invitation.name': t('Uitnodiging opnieuw versturen', 'Resend invitation'),
  'flows.resend_invitation.invitation': t('Uitnodiging opnieuw versturen', 'Resend invitation'),
  'flows.withdraw_invitation.name': t('Uitnodiging intrekken', 'Withdraw invitation'),
  'flows.withdraw_invitation.invitation': t('Uitnodiging intrekken', 'Withdraw invitation'),
  'flows.retention.name': t('Bewaartermijn: verlopen gegevens wissen', 'Retention: erase expired data'),
  'flows.retention.erase': t('Verlopen persoonsgegevens wissen', 'Erase expired personal data'),
});

/** A stored name in `lang`: a known `$t:` key translated, anything else as it is. */
export function storedName(value: unknown, lang: UiLanguage): unknown {
  if (typeof value !== 'string' || !value.startsWith(TRANSLATION_PREFIX)) return value;
  return STORED_NAMES[value.slice(TRANSLATION_PREFIX.length)]?.[lang] ?? value;
}
