/**
 * The privacy notice inside the consent text (GDPR art. 7 and 13): who the controller is and how to reach them, the
 * data protection officer, the legal basis, the rights, the complaint to the Autoriteit Persoonsgegevens, how to
 * withdraw without the link, that refusing changes nothing for work or housing, and how long the record of the
 * choice is kept.
 *
 * A consent text holds one marker per element (`{{controller}}`, `{{dpo}}`, ...), each where it should stand; a
 * version that lacks one in any language is not published (glue/consent/texts.ts). The page shows each marker as
 * the sentence below in the text's language, filled in with the settings of the migrant's municipality (its
 * organisation row: controller name, contact, data protection officer), so the text shown, and hashed into the
 * evidence, names the migrant's own controller. The sentences are typed per language: a missing one does not compile.
 * Plain module: no Directus import, nothing from Node.
 */
import { isSupportedLanguage, type SupportedLanguage } from '../languages';
import type { LocalisedText } from '../ui-language';
import { CONSENT_MESSAGES, fill } from './i18n';

export const NOTICE_ELEMENTS = [
  'controller',
  'dpo',
  'legal_basis',
  'rights',
  'complaint',
  'withdraw_without_link',
  'no_effect',
  'record_retention',
] as const;
export type NoticeElement = (typeof NOTICE_ELEMENTS)[number];

/** The elements' names for the administrator who publishes (the refusal names what is missing). */
export const NOTICE_ELEMENT_NAMES: Readonly<Record<NoticeElement, LocalisedText>> = {
  controller: {
    nl: 'de verwerkingsverantwoordelijke en hoe die te bereiken is',
    en: 'the controller and how to reach them',
  },
  dpo: { nl: 'de functionaris gegevensbescherming', en: 'the data protection officer' },
  legal_basis: { nl: 'de grondslag', en: 'the legal basis' },
  rights: { nl: 'de rechten van de betrokkene', en: "the person's rights" },
  complaint: {
    nl: 'klagen bij de Autoriteit Persoonsgegevens',
    en: 'the complaint to the Autoriteit Persoonsgegevens',
  },
  withdraw_without_link: { nl: 'intrekken zonder de link', en: 'withdrawing without the link' },
  no_effect: {
    nl: 'weigeren heeft geen gevolgen voor werk of huisvesting',
    en: 'refusing has no effect on work or housing',
  },
  record_retention: {
    nl: 'hoe lang het bewijs van de keuze bewaard wordt',
    en: 'how long the record of the choice is kept',
  },
};

export function noticeMarker(element: NoticeElement): string {
  return `{{${element}}}`;
}

/** The elements whose marker the text does not hold. */
export function missingNoticeElements(title: string, body: string): NoticeElement[] {
  const text = `${title}\n${body}`;
  return NOTICE_ELEMENTS.filter((element) => !text.includes(noticeMarker(element)));
}

export type PrivacyNoticeMessages = { heading: string } & Record<NoticeElement, string>;

/** Placeholders: {controller} {contact} {dpo}. */
export const PRIVACY_NOTICE_MESSAGES: Readonly<Record<SupportedLanguage, PrivacyNoticeMessages>> = {
  nl: {
    heading: 'Uw rechten en wie verantwoordelijk is',
    controller: 'Verantwoordelijk voor uw gegevens is {controller}. Contact: {contact}.',
    dpo: 'Functionaris gegevensbescherming: {dpo}.',
    legal_basis: 'De grondslag is uw toestemming (AVG artikel 6 lid 1 onder a).',
    rights:
      'U mag uw gegevens inzien, laten verbeteren of verwijderen, het gebruik laten beperken, bezwaar maken en uw gegevens in een bestand krijgen. Vraag het aan {controller}.',
    complaint: 'U kunt klagen bij de Autoriteit Persoonsgegevens (autoriteitpersoonsgegevens.nl).',
    withdraw_without_link: 'Link kwijt? Vraag {controller} ({contact}) uw toestemming in te trekken.',
    no_effect: 'Weigeren of intrekken heeft geen gevolgen voor uw werk of uw huisvesting.',
    record_retention:
      'Het bewijs van uw keuze bewaren wij zolang uw gegevens, en het wordt met uw gegevens verwijderd.',
  },
  en: {
    heading: 'Your rights and who is responsible',
    controller: 'Responsible for your data (controller): {controller}. Contact: {contact}.',
    dpo: 'Data protection officer: {dpo}.',
    legal_basis: 'The legal basis is your consent (GDPR article 6(1)(a)).',
    rights:
      'You may see your data, have it corrected or erased, restrict its use, object to it, and get your data in a file. Ask {controller}.',
    complaint:
      'You can complain to the Dutch data protection authority, the Autoriteit Persoonsgegevens (autoriteitpersoonsgegevens.nl).',
    withdraw_without_link: 'Lost the link? Ask {controller} ({contact}) to withdraw your permission.',
    no_effect: 'Refusing or withdrawing has no effect on your work or your housing.',
    record_retention: 'We keep the record of your choice as long as your data, and delete it with your data.',
  },
  pl: {
    heading: 'Twoje prawa i kto odpowiada za dane',
    controller: 'Za Twoje dane odpowiada (administrator): {controller}. Kontakt: {contact}.',
    dpo: 'Inspektor ochrony danych: {dpo}.',
    legal_basis: 'Podstawą prawną jest Twoja zgoda (RODO art. 6 ust. 1 lit. a).',
    rights:
      'Możesz zobaczyć swoje dane, poprawić je lub usunąć, ograniczyć ich użycie, wnieść sprzeciw i otrzymać dane w pliku. Zwróć się do: {controller}.',
    complaint:
      'Możesz złożyć skargę do holenderskiego organu ochrony danych, Autoriteit Persoonsgegevens (autoriteitpersoonsgegevens.nl).',
    withdraw_without_link: 'Zgubiłeś(-aś) link? Poproś {controller} ({contact}) o wycofanie zgody.',
    no_effect: 'Odmowa lub wycofanie zgody nie ma wpływu na Twoją pracę ani zakwaterowanie.',
    record_retention: 'Dowód Twojej decyzji przechowujemy tak długo jak Twoje dane i usuwamy go razem z nimi.',
  },
  ro: {
    heading: 'Drepturile dumneavoastră și cine răspunde',
    controller: 'Răspunde de datele dumneavoastră (operator): {controller}. Contact: {contact}.',
    dpo: 'Responsabilul cu protecția datelor: {dpo}.',
    legal_basis: 'Temeiul juridic este acordul dumneavoastră (RGPD articolul 6 alineatul (1) litera (a)).',
    rights:
      'Puteți vedea datele, le puteți corecta sau șterge, puteți restricționa folosirea lor, vă puteți opune și puteți primi datele într-un fișier. Adresați-vă: {controller}.',
    complaint:
      'Puteți depune o plângere la autoritatea olandeză de protecție a datelor, Autoriteit Persoonsgegevens (autoriteitpersoonsgegevens.nl).',
    withdraw_without_link: 'Ați pierdut linkul? Cereți {controller} ({contact}) să vă retragă acordul.',
    no_effect: 'Refuzul sau retragerea nu au niciun efect asupra muncii sau locuinței dumneavoastră.',
    record_retention: 'Dovada alegerii dumneavoastră o păstrăm cât timp păstrăm datele și o ștergem împreună cu ele.',
  },
  bg: {
    heading: 'Вашите права и кой отговаря',
    controller: 'За данните ви отговаря (администратор): {controller}. Контакт: {contact}.',
    dpo: 'Длъжностно лице по защита на данните: {dpo}.',
    legal_basis: 'Правното основание е вашето съгласие (ОРЗД член 6, параграф 1, буква а).',
    rights:
      'Можете да видите данните си, да ги поправите или изтриете, да ограничите използването им, да възразите и да получите данните си във файл. Обърнете се към: {controller}.',
    complaint:
      'Можете да подадете жалба до нидерландския орган за защита на данните, Autoriteit Persoonsgegevens (autoriteitpersoonsgegevens.nl).',
    withdraw_without_link: 'Загубили сте връзката? Помолете {controller} ({contact}) да оттегли съгласието ви.',
    no_effect: 'Отказът или оттеглянето не засягат работата или жилището ви.',
    record_retention: 'Пазим доказателството за вашия избор, докато пазим данните ви, и го изтриваме заедно с тях.',
  },
  uk: {
    heading: 'Ваші права і хто відповідає',
    controller: 'За ваші дані відповідає (контролер): {controller}. Контакт: {contact}.',
    dpo: 'Відповідальна особа із захисту даних: {dpo}.',
    legal_basis: 'Правова підстава: ваша згода (GDPR стаття 6(1)(a)).',
    rights:
      'Ви можете переглянути свої дані, виправити або видалити їх, обмежити їх використання, заперечити проти нього та отримати дані у файлі. Зверніться до: {controller}.',
    complaint:
      'Ви можете поскаржитися до нідерландського органу захисту даних, Autoriteit Persoonsgegevens (autoriteitpersoonsgegevens.nl).',
    withdraw_without_link: 'Загубили посилання? Попросіть {controller} ({contact}) відкликати вашу згоду.',
    no_effect: 'Відмова або відкликання не впливають на вашу роботу чи житло.',
    record_retention: 'Доказ вашого рішення ми зберігаємо стільки ж, скільки ваші дані, і видаляємо разом із ними.',
  },
  hu: {
    heading: 'Az Ön jogai és ki a felelős',
    controller: 'Az adataiért felelős (adatkezelő): {controller}. Kapcsolat: {contact}.',
    dpo: 'Adatvédelmi tisztviselő: {dpo}.',
    legal_basis: 'A jogalap az Ön hozzájárulása (GDPR 6. cikk (1) bekezdés a) pont).',
    rights:
      'Megnézheti, kijavíttathatja vagy töröltetheti adatait, korlátozhatja a használatukat, tiltakozhat, és fájlban megkaphatja őket. Forduljon ide: {controller}.',
    complaint:
      'Panaszt tehet a holland adatvédelmi hatóságnál, az Autoriteit Persoonsgegevensnél (autoriteitpersoonsgegevens.nl).',
    withdraw_without_link:
      'Elvesztette a linket? Kérje meg ezt a szervezetet: {controller} ({contact}), hogy vonja vissza a hozzájárulását.',
    no_effect: 'Az elutasítás vagy a visszavonás nincs hatással a munkájára vagy a szállására.',
    record_retention: 'Döntése bizonyítékát addig őrizzük, amíg az adatait, és velük együtt töröljük.',
  },
  lt: {
    heading: 'Jūsų teisės ir kas atsakingas',
    controller: 'Už jūsų duomenis atsakingas (duomenų valdytojas): {controller}. Kontaktai: {contact}.',
    dpo: 'Duomenų apsaugos pareigūnas: {dpo}.',
    legal_basis: 'Teisinis pagrindas yra jūsų sutikimas (BDAR 6 straipsnio 1 dalies a punktas).',
    rights:
      'Galite susipažinti su savo duomenimis, juos ištaisyti ar ištrinti, apriboti jų naudojimą, prieštarauti ir gauti duomenis faile. Kreipkitės: {controller}.',
    complaint:
      'Galite pateikti skundą Nyderlandų duomenų apsaugos institucijai Autoriteit Persoonsgegevens (autoriteitpersoonsgegevens.nl).',
    withdraw_without_link: 'Pametėte nuorodą? Paprašykite {controller} ({contact}) atšaukti jūsų sutikimą.',
    no_effect: 'Atsisakymas ar atšaukimas neturi įtakos jūsų darbui ar būstui.',
    record_retention: 'Jūsų pasirinkimo įrodymą saugome tol, kol saugome jūsų duomenis, ir ištriname kartu su jais.',
  },
  lv: {
    heading: 'Jūsu tiesības un kas ir atbildīgs',
    controller: 'Par jūsu datiem atbild (pārzinis): {controller}. Kontakti: {contact}.',
    dpo: 'Datu aizsardzības speciālists: {dpo}.',
    legal_basis: 'Juridiskais pamats ir jūsu piekrišana (VDAR 6. panta 1. punkta a) apakšpunkts).',
    rights:
      'Jūs varat redzēt savus datus, tos labot vai dzēst, ierobežot to izmantošanu, iebilst un saņemt datus failā. Vērsieties pie: {controller}.',
    complaint:
      'Jūs varat iesniegt sūdzību Nīderlandes datu aizsardzības iestādei Autoriteit Persoonsgegevens (autoriteitpersoonsgegevens.nl).',
    withdraw_without_link: 'Pazaudējāt saiti? Lūdziet {controller} ({contact}) atsaukt jūsu piekrišanu.',
    no_effect: 'Atteikums vai atsaukšana neietekmē jūsu darbu vai mājokli.',
    record_retention: 'Jūsu izvēles pierādījumu glabājam tik ilgi kā jūsu datus un dzēšam kopā ar tiem.',
  },
  sk: {
    heading: 'Vaše práva a kto zodpovedá',
    controller: 'Za vaše údaje zodpovedá (prevádzkovateľ): {controller}. Kontakt: {contact}.',
    dpo: 'Zodpovedná osoba: {dpo}.',
    legal_basis: 'Právnym základom je váš súhlas (GDPR článok 6 ods. 1 písm. a).',
    rights:
      'Môžete vidieť svoje údaje, dať ich opraviť alebo vymazať, obmedziť ich použitie, namietať a dostať údaje v súbore. Obráťte sa na: {controller}.',
    complaint:
      'Môžete podať sťažnosť holandskému úradu na ochranu údajov Autoriteit Persoonsgegevens (autoriteitpersoonsgegevens.nl).',
    withdraw_without_link: 'Stratili ste odkaz? Požiadajte {controller} ({contact}) o odvolanie súhlasu.',
    no_effect: 'Odmietnutie alebo odvolanie nemá vplyv na vašu prácu ani ubytovanie.',
    record_retention: 'Dôkaz o vašej voľbe uchovávame tak dlho ako vaše údaje a vymažeme ho spolu s nimi.',
  },
  cs: {
    heading: 'Vaše práva a kdo odpovídá',
    controller: 'Za vaše údaje odpovídá (správce): {controller}. Kontakt: {contact}.',
    dpo: 'Pověřenec pro ochranu osobních údajů: {dpo}.',
    legal_basis: 'Právním základem je váš souhlas (GDPR článek 6 odst. 1 písm. a).',
    rights:
      'Můžete vidět své údaje, nechat je opravit nebo smazat, omezit jejich použití, vznést námitku a dostat údaje v souboru. Obraťte se na: {controller}.',
    complaint:
      'Můžete si stěžovat u nizozemského úřadu pro ochranu údajů Autoriteit Persoonsgegevens (autoriteitpersoonsgegevens.nl).',
    withdraw_without_link: 'Ztratili jste odkaz? Požádejte {controller} ({contact}) o odvolání souhlasu.',
    no_effect: 'Odmítnutí nebo odvolání nemá vliv na vaši práci ani ubytování.',
    record_retention: 'Doklad o vaší volbě uchováváme stejně dlouho jako vaše údaje a smažeme ho spolu s nimi.',
  },
  pt: {
    heading: 'Os seus direitos e quem é responsável',
    controller: 'Responsável pelos seus dados: {controller}. Contacto: {contact}.',
    dpo: 'Encarregado da proteção de dados: {dpo}.',
    legal_basis: 'A base jurídica é a sua autorização (RGPD artigo 6.º, n.º 1, alínea a)).',
    rights:
      'Pode ver os seus dados, pedir que sejam corrigidos ou apagados, limitar o seu uso, opor-se e receber os dados num ficheiro. Peça a: {controller}.',
    complaint:
      'Pode apresentar queixa à autoridade neerlandesa de proteção de dados, a Autoriteit Persoonsgegevens (autoriteitpersoonsgegevens.nl).',
    withdraw_without_link: 'Perdeu a ligação? Peça a {controller} ({contact}) que retire a sua autorização.',
    no_effect: 'Recusar ou retirar não tem qualquer efeito no seu trabalho nem no seu alojamento.',
    record_retention: 'Guardamos a prova da sua escolha enquanto guardarmos os seus dados e apagamo-la com eles.',
  },
  es: {
    heading: 'Sus derechos y quién es responsable',
    controller: 'Responsable de sus datos: {controller}. Contacto: {contact}.',
    dpo: 'Delegado de protección de datos: {dpo}.',
    legal_basis: 'La base jurídica es su autorización (RGPD artículo 6.1.a).',
    rights:
      'Puede ver sus datos, pedir que se corrijan o se borren, limitar su uso, oponerse y recibir sus datos en un archivo. Pídalo a: {controller}.',
    complaint:
      'Puede reclamar ante la autoridad neerlandesa de protección de datos, la Autoriteit Persoonsgegevens (autoriteitpersoonsgegevens.nl).',
    withdraw_without_link: '¿Ha perdido el enlace? Pida a {controller} ({contact}) que retire su autorización.',
    no_effect: 'Negarse o retirar la autorización no tiene ningún efecto en su trabajo ni en su alojamiento.',
    record_retention: 'Guardamos la prueba de su decisión mientras guardemos sus datos y la borramos con ellos.',
  },
  el: {
    heading: 'Τα δικαιώματά σας και ποιος είναι υπεύθυνος',
    controller: 'Υπεύθυνος επεξεργασίας των στοιχείων σας: {controller}. Επικοινωνία: {contact}.',
    dpo: 'Υπεύθυνος προστασίας δεδομένων: {dpo}.',
    legal_basis: 'Η νομική βάση είναι η συναίνεσή σας (ΓΚΠΔ άρθρο 6 παράγραφος 1 στοιχείο α).',
    rights:
      'Μπορείτε να δείτε τα στοιχεία σας, να ζητήσετε διόρθωση ή διαγραφή, να περιορίσετε τη χρήση τους, να αντιταχθείτε και να τα λάβετε σε αρχείο. Ζητήστε το από: {controller}.',
    complaint:
      'Μπορείτε να υποβάλετε καταγγελία στην ολλανδική αρχή προστασίας δεδομένων, Autoriteit Persoonsgegevens (autoriteitpersoonsgegevens.nl).',
    withdraw_without_link: 'Χάσατε τον σύνδεσμο; Ζητήστε από {controller} ({contact}) να ανακαλέσει τη συναίνεσή σας.',
    no_effect: 'Η άρνηση ή η ανάκληση δεν επηρεάζει την εργασία ή τη στέγασή σας.',
    record_retention: 'Κρατάμε την απόδειξη της επιλογής σας όσο κρατάμε τα στοιχεία σας και τη διαγράφουμε μαζί τους.',
  },
};

/** The municipality's settings the notice names (its organisation row); any may be missing. */
export interface PrivacyNoticeSettings {
  controller: string | null;
  contact: string | null;
  dpo: string | null;
}

/**
 * The settings a notice was filled with, as stored beside a consent record (JSON), or null when there are none or they
 * are not of this shape. A receipt fetched later fills the signed text with these, not with today's settings, so the
 * text it shows is the one whose hash was signed even after the municipality changed its DPO.
 */
export function storedNoticeSettings(value: unknown): PrivacyNoticeSettings | null {
  if (typeof value !== 'string' || value === '') return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return null;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return null;
  const field = (name: keyof PrivacyNoticeSettings): string | null | undefined => {
    const entry = (parsed as Record<string, unknown>)[name];
    return entry === null || typeof entry === 'string' ? entry : undefined;
  };
  const controller = field('controller');
  const contact = field('contact');
  const dpo = field('dpo');
  if (controller === undefined || contact === undefined || dpo === undefined) return null;
  return { controller, contact, dpo };
}

/** The notice section every new consent text carries: a heading and each element's marker on a line of its own. */
export function noticeSection(language: SupportedLanguage): string {
  return [`## ${PRIVACY_NOTICE_MESSAGES[language].heading}`, ...NOTICE_ELEMENTS.map(noticeMarker)].join('\n\n');
}

/**
 * A consent text with its markers replaced by the sentences in its language, filled in with the municipality's
 * settings. What is not set reads as "the municipality" (in the language); a missing DPO contact falls back on the
 * controller's contact.
 */
export function fillPrivacyNotice(
  text: string,
  language: SupportedLanguage,
  settings: PrivacyNoticeSettings | null,
): string {
  const messages = PRIVACY_NOTICE_MESSAGES[language];
  const controller = settings?.controller?.trim() || CONSENT_MESSAGES[language].page.theMunicipality;
  const contact = settings?.contact?.trim() || controller;
  const dpo = settings?.dpo?.trim() || contact;
  return text.replace(/\{\{(\w+)\}\}/g, (whole, name: string) =>
    (NOTICE_ELEMENTS as readonly string[]).includes(name)
      ? fill(messages[name as NoticeElement], { controller, contact, dpo })
      : whole,
  );
}

/**
 * A text with the markers it lacks added at its end (with the notice's heading when it has none of them): the new
 * version of a text published before the notice existed starts complete, and the administrator moves them as wanted.
 */
export function withNoticeMarkers(language: string, title: string, body: string): string {
  const missing = missingNoticeElements(title, body);
  if (missing.length === 0 || !isSupportedLanguage(language)) return body;
  const heading = missing.length === NOTICE_ELEMENTS.length ? [`## ${PRIVACY_NOTICE_MESSAGES[language].heading}`] : [];
  return [body.trimEnd(), ...heading, ...missing.map(noticeMarker)].join('\n\n');
}
