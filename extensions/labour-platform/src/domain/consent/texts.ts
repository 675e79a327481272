/**
 * Consent texts (machtigingsteksten): versioned, one row per language, published as a whole version. This
 * module holds the rules (what "the exact text shown" is and hashes to, which languages a version needs before
 * it may be published, a small safe Markdown subset for showing it) and the first version the platform ships
 * with: plain words on who shares what with whom and why, that signing is voluntary, and how to revoke.
 * Plain module: no Directus import, nothing from Node (the browser bundle uses it).
 */
import { SUPPORTED_LANGUAGE_CODES, type SupportedLanguage } from '../languages';
import { noticeSection } from './privacy-notice';

/** Every language of the consent page must be there before a version may be published. */
export const REQUIRED_CONSENT_LANGUAGES: readonly SupportedLanguage[] = SUPPORTED_LANGUAGE_CODES;

/** The exact text the page shows and the evidence refers to (its SHA-256 is `consent_texts.sha256`). */
export function shownConsentText(title: string, body: string): string {
  return `${title.trim()}\n\n${body.replace(/\r\n/g, '\n').trim()}\n`;
}

export function missingConsentLanguages(
  present: Iterable<string>,
  required: readonly string[] = REQUIRED_CONSENT_LANGUAGES,
): string[] {
  const have = new Set(present);
  return required.filter((language) => !have.has(language));
}

export type TextBlock =
  { type: 'heading'; text: string } | { type: 'paragraph'; text: string } | { type: 'list'; items: string[] };

/**
 * The Markdown subset consent texts use: `## heading`, paragraphs separated by a blank line, and `- ` lists.
 * Anything else is shown as plain text: no HTML, no links, nothing that could run.
 */
export function consentTextBlocks(body: string): TextBlock[] {
  const blocks: TextBlock[] = [];
  for (const chunk of body.replace(/\r\n/g, '\n').split(/\n\s*\n/)) {
    const lines = chunk
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '');
    if (lines.length === 0) continue;
    let paragraph: string[] = [];
    let list: string[] | null = null;
    const flush = () => {
      if (paragraph.length > 0) blocks.push({ type: 'paragraph', text: paragraph.join(' ') });
      paragraph = [];
      if (list) blocks.push({ type: 'list', items: list });
      list = null;
    };
    for (const line of lines) {
      const heading = /^#{1,6}\s+(.*)$/.exec(line);
      const item = /^[-*]\s+(.*)$/.exec(line);
      if (heading) {
        flush();
        blocks.push({ type: 'heading', text: heading[1]!.trim() });
      } else if (item) {
        if (paragraph.length > 0) {
          blocks.push({ type: 'paragraph', text: paragraph.join(' ') });
          paragraph = [];
        }
        list ??= [];
        list.push(item[1]!.trim());
      } else {
        if (list) {
          blocks.push({ type: 'list', items: list });
          list = null;
        }
        paragraph.push(line);
      }
    }
    flush();
  }
  return blocks;
}

export interface ConsentTextContent {
  title: string;
  body: string;
}

/** The version the platform publishes on a new installation (an administrator publishes later ones). */
export const DEFAULT_CONSENT_TEXT_VERSION = '2026-01';

const DEFAULT_TEXTS_WITHOUT_NOTICE: Readonly<Record<SupportedLanguage, ConsentTextContent>> = {
  en: {
    title: 'Permission to share your data with the municipality',
    body: `Your housing provider or employer has entered your data in the Labour Migrants Platform. With your permission, the municipality where you stay may see this data.

## What is shared
- your name, date of birth, gender and nationality
- your citizen service number (BSN), if you have one, and the number of your identity document
- your e-mail address, phone number and home address in your own country
- where you live and work in the Netherlands, and your employer

## With whom, and why
With the municipality (gemeente) where you stay. It uses your data only to register you in the Dutch population register (BRP), to deregister you when you leave, and to keep your registration correct. Anyone who stays in the Netherlands for more than 4 months within 6 months must register.

## Voluntary
Signing is voluntary. If you do not sign, the municipality does not see your data on this platform. You can still register at the municipal office yourself.

## Revoking
You can revoke your permission at any time with the link you get after signing. It takes effect at once: the municipality no longer sees your data. What was shared before remains lawful.

## Storage
Your data is stored encrypted and is deleted one year after you leave.`,
  },
  nl: {
    title: 'Toestemming om uw gegevens te delen met de gemeente',
    body: `Uw huisvester of werkgever heeft uw gegevens ingevoerd in het Platform Arbeidsmigranten. Met uw toestemming mag de gemeente waar u verblijft deze gegevens zien.

## Wat wordt gedeeld
- uw naam, geboortedatum, geslacht en nationaliteit
- uw burgerservicenummer (BSN), als u dat heeft, en het nummer van uw identiteitsbewijs
- uw e-mailadres, telefoonnummer en woonadres in uw eigen land
- waar u in Nederland woont en werkt, en uw werkgever

## Met wie, en waarom
Met de gemeente waar u verblijft. Die gebruikt uw gegevens alleen om u in te schrijven in de Basisregistratie Personen (BRP), om u uit te schrijven als u vertrekt, en om uw inschrijving juist te houden. Wie langer dan 4 maanden binnen 6 maanden in Nederland verblijft, moet zich inschrijven.

## Vrijwillig
Tekenen is vrijwillig. Als u niet tekent, ziet de gemeente uw gegevens niet op dit platform. U kunt zich dan nog steeds zelf inschrijven bij het gemeentehuis.

## Intrekken
U kunt uw toestemming altijd intrekken met de link die u na het tekenen krijgt. Dat werkt direct: de gemeente ziet uw gegevens dan niet meer. Wat eerder is gedeeld, blijft rechtmatig.

## Bewaren
Uw gegevens worden versleuteld bewaard en een jaar na uw vertrek verwijderd.`,
  },
  pl: {
    title: 'Zgoda na przekazanie Twoich danych gminie',
    body: `Twój pracodawca lub firma zapewniająca Ci zakwaterowanie wprowadziła Twoje dane do Platformy Pracowników Migrujących (Platform Arbeidsmigranten). Za Twoją zgodą gmina, w której przebywasz, może zobaczyć te dane.

## Jakie dane są przekazywane
- imię i nazwisko, data urodzenia, płeć i obywatelstwo
- numer BSN, jeśli go masz, oraz numer dokumentu tożsamości
- adres e-mail, numer telefonu i adres zamieszkania w Twoim kraju
- miejsce zamieszkania i pracy w Holandii oraz Twój pracodawca

## Komu i w jakim celu
Gminie (gemeente), w której przebywasz. Wykorzystuje ona Twoje dane wyłącznie do zameldowania Cię w holenderskim rejestrze ludności (BRP), do wymeldowania, gdy wyjeżdżasz, oraz do aktualizowania Twojego wpisu. Każdy, kto przebywa w Holandii dłużej niż 4 miesiące w ciągu 6 miesięcy, musi się zameldować.

## Dobrowolność
Podpisanie jest dobrowolne. Jeśli nie podpiszesz, gmina nie zobaczy Twoich danych na tej platformie. Nadal możesz zameldować się samodzielnie w urzędzie gminy.

## Wycofanie zgody
Zgodę możesz wycofać w każdej chwili za pomocą linku, który otrzymasz po podpisaniu. Działa to natychmiast: gmina przestaje widzieć Twoje dane. To, co przekazano wcześniej, pozostaje zgodne z prawem.

## Przechowywanie
Twoje dane są przechowywane w formie zaszyfrowanej i usuwane rok po Twoim wyjeździe.`,
  },
  ro: {
    title: 'Acord pentru transmiterea datelor dumneavoastră către primărie',
    body: `Furnizorul de cazare sau angajatorul dumneavoastră a introdus datele dumneavoastră în Platforma pentru lucrători migranți (Platform Arbeidsmigranten). Cu acordul dumneavoastră, primăria localității în care locuiți poate vedea aceste date.

## Ce se transmite
- numele, data nașterii, sexul și cetățenia
- numărul BSN, dacă aveți unul, și numărul actului de identitate
- adresa de e-mail, numărul de telefon și adresa de domiciliu din țara dumneavoastră
- unde locuiți și lucrați în Țările de Jos și angajatorul dumneavoastră

## Cui și de ce
Primăriei (gemeente) localității în care locuiți. Aceasta folosește datele doar pentru a vă înregistra în registrul olandez al populației (BRP), pentru a vă radia când plecați și pentru a vă păstra înregistrarea corectă. Oricine stă în Țările de Jos mai mult de 4 luni într-o perioadă de 6 luni trebuie să se înregistreze.

## Voluntar
Semnarea este voluntară. Dacă nu semnați, primăria nu vă vede datele pe această platformă. Vă puteți înregistra și singur(ă) la primărie.

## Retragerea acordului
Vă puteți retrage acordul oricând, cu linkul pe care îl primiți după semnare. Retragerea are efect imediat: primăria nu vă mai vede datele. Ce a fost transmis înainte rămâne legal.

## Păstrare
Datele dumneavoastră sunt păstrate criptat și sunt șterse la un an după plecarea dumneavoastră.`,
  },
  bg: {
    title: 'Съгласие за споделяне на вашите данни с общината',
    body: `Вашият доставчик на жилище или работодател е въвел данните ви в Платформата за трудови мигранти (Platform Arbeidsmigranten). С ваше съгласие общината, в която пребивавате, може да вижда тези данни.

## Какво се споделя
- вашето име, дата на раждане, пол и гражданство
- вашият номер BSN, ако имате такъв, и номерът на документа ви за самоличност
- вашият имейл адрес, телефонен номер и адрес в родната ви страна
- къде живеете и работите в Нидерландия, както и вашият работодател

## С кого и защо
С общината (gemeente), в която пребивавате. Тя използва данните ви само за да ви впише в нидерландския регистър на населението (BRP), да ви отпише, когато заминете, и да поддържа вписването ви вярно. Всеки, който пребивава в Нидерландия повече от 4 месеца в рамките на 6 месеца, трябва да се впише.

## Доброволно
Подписването е доброволно. Ако не подпишете, общината не вижда данните ви на тази платформа. Все още можете сами да се впишете в общината.

## Оттегляне
Можете да оттеглите съгласието си по всяко време чрез връзката, която получавате след подписването. Оттеглянето действа веднага: общината вече не вижда данните ви. Споделеното преди това остава законно.

## Съхранение
Данните ви се съхраняват криптирани и се изтриват една година след заминаването ви.`,
  },
  uk: {
    title: 'Згода на передачу ваших даних муніципалітету',
    body: `Ваш надавач житла або роботодавець вніс ваші дані на Платформу трудових мігрантів (Platform Arbeidsmigranten). З вашої згоди муніципалітет, де ви перебуваєте, може бачити ці дані.

## Що передається
- ваше ім’я, дата народження, стать і громадянство
- ваш номер BSN, якщо він у вас є, і номер документа, що посвідчує особу
- ваша електронна адреса, номер телефону та домашня адреса у вашій країні
- де ви живете й працюєте в Нідерландах, а також ваш роботодавець

## Кому і навіщо
Муніципалітету (gemeente), де ви перебуваєте. Він використовує ваші дані лише для того, щоб зареєструвати вас у нідерландському реєстрі населення (BRP), зняти з реєстрації, коли ви виїжджаєте, і підтримувати вашу реєстрацію правильною. Кожен, хто перебуває в Нідерландах понад 4 місяці протягом 6 місяців, має зареєструватися.

## Добровільно
Підписання добровільне. Якщо ви не підпишете, муніципалітет не бачитиме ваших даних на цій платформі. Ви все одно можете зареєструватися в муніципалітеті самостійно.

## Відкликання
Ви можете будь-коли відкликати згоду за посиланням, яке отримаєте після підписання. Це діє одразу: муніципалітет більше не бачить ваших даних. Те, що було передано раніше, залишається законним.

## Зберігання
Ваші дані зберігаються в зашифрованому вигляді й видаляються через рік після вашого від’їзду.`,
  },
  hu: {
    title: 'Hozzájárulás az adatai megosztásához az önkormányzattal',
    body: `A szállásadója vagy munkáltatója rögzítette az adatait a Vendégmunkás Platformon (Platform Arbeidsmigranten). Az Ön hozzájárulásával annak a településnek az önkormányzata, ahol tartózkodik, láthatja ezeket az adatokat.

## Mit osztunk meg
- nevét, születési dátumát, nemét és állampolgárságát
- BSN-számát, ha van, és személyazonosító okmányának számát
- e-mail-címét, telefonszámát és lakcímét a saját országában
- hogy hol lakik és dolgozik Hollandiában, és ki a munkáltatója

## Kivel és miért
Annak a településnek az önkormányzatával (gemeente), ahol tartózkodik. Az önkormányzat az adatait csak arra használja, hogy bejegyezze Önt a holland népesség-nyilvántartásba (BRP), kijelentse, amikor elutazik, és naprakészen tartsa a bejegyzését. Aki 6 hónapon belül több mint 4 hónapig Hollandiában tartózkodik, köteles bejelentkezni.

## Önkéntes
Az aláírás önkéntes. Ha nem írja alá, az önkormányzat nem látja az adatait ezen a platformon. Ön továbbra is maga is bejelentkezhet az önkormányzatnál.

## Visszavonás
Hozzájárulását bármikor visszavonhatja azzal a linkkel, amelyet az aláírás után kap. Ez azonnal hatályos: az önkormányzat többé nem látja az adatait. A korábban megosztott adatok kezelése jogszerű marad.

## Tárolás
Adatait titkosítva tároljuk, és elutazása után egy évvel töröljük.`,
  },
  lt: {
    title: 'Sutikimas perduoti jūsų duomenis savivaldybei',
    body: `Jūsų būsto teikėjas arba darbdavys įvedė jūsų duomenis į Darbo migrantų platformą (Platform Arbeidsmigranten). Jums sutikus, savivaldybė, kurioje gyvenate, gali matyti šiuos duomenis.

## Kas perduodama
- jūsų vardas ir pavardė, gimimo data, lytis ir pilietybė
- jūsų BSN numeris, jei jį turite, ir asmens dokumento numeris
- jūsų el. pašto adresas, telefono numeris ir namų adresas jūsų šalyje
- kur gyvenate ir dirbate Nyderlanduose, taip pat jūsų darbdavys

## Kam ir kodėl
Savivaldybei (gemeente), kurioje gyvenate. Ji naudoja jūsų duomenis tik tam, kad įregistruotų jus Nyderlandų gyventojų registre (BRP), išregistruotų jums išvykus ir palaikytų teisingą jūsų registraciją. Kiekvienas, kas Nyderlanduose gyvena ilgiau nei 4 mėnesius per 6 mėnesius, privalo užsiregistruoti.

## Savanoriškai
Pasirašyti savanoriška. Jei nepasirašysite, savivaldybė nematys jūsų duomenų šioje platformoje. Vis tiek galite patys užsiregistruoti savivaldybėje.

## Atšaukimas
Sutikimą galite bet kada atšaukti naudodami nuorodą, kurią gausite pasirašę. Tai įsigalioja iš karto: savivaldybė nebemato jūsų duomenų. Tai, kas buvo perduota anksčiau, lieka teisėta.

## Saugojimas
Jūsų duomenys saugomi užšifruoti ir ištrinami praėjus metams po jūsų išvykimo.`,
  },
  lv: {
    title: 'Piekrišana jūsu datu nodošanai pašvaldībai',
    body: `Jūsu mājokļa nodrošinātājs vai darba devējs ir ievadījis jūsu datus Darba migrantu platformā (Platform Arbeidsmigranten). Ar jūsu piekrišanu pašvaldība, kurā uzturaties, var redzēt šos datus.

## Kas tiek nodots
- jūsu vārds, uzvārds, dzimšanas datums, dzimums un pilsonība
- jūsu BSN numurs, ja jums tāds ir, un personu apliecinoša dokumenta numurs
- jūsu e-pasta adrese, tālruņa numurs un dzīvesvietas adrese jūsu valstī
- kur jūs dzīvojat un strādājat Nīderlandē, kā arī jūsu darba devējs

## Kam un kāpēc
Pašvaldībai (gemeente), kurā uzturaties. Tā izmanto jūsu datus tikai, lai reģistrētu jūs Nīderlandes iedzīvotāju reģistrā (BRP), izrakstītu jūs, kad aizbraucat, un uzturētu jūsu reģistrāciju pareizu. Ikvienam, kurš Nīderlandē uzturas ilgāk par 4 mēnešiem 6 mēnešu laikā, ir jāreģistrējas.

## Brīvprātīgi
Parakstīšana ir brīvprātīga. Ja neparakstīsiet, pašvaldība neredzēs jūsu datus šajā platformā. Jūs joprojām varat pats(-i) reģistrēties pašvaldībā.

## Atsaukšana
Jūs jebkurā laikā varat atsaukt piekrišanu ar saiti, ko saņemat pēc parakstīšanas. Tas stājas spēkā uzreiz: pašvaldība vairs neredz jūsu datus. Tas, kas nodots iepriekš, paliek likumīgs.

## Glabāšana
Jūsu dati tiek glabāti šifrēti un tiek dzēsti gadu pēc jūsu aizbraukšanas.`,
  },
  sk: {
    title: 'Súhlas s poskytnutím vašich údajov obci',
    body: `Váš poskytovateľ ubytovania alebo zamestnávateľ zadal vaše údaje do Platformy pre pracovných migrantov (Platform Arbeidsmigranten). S vaším súhlasom môže obec, v ktorej sa zdržiavate, tieto údaje vidieť.

## Čo sa poskytuje
- vaše meno, dátum narodenia, pohlavie a štátna príslušnosť
- vaše číslo BSN, ak ho máte, a číslo dokladu totožnosti
- vaša e-mailová adresa, telefónne číslo a adresa bydliska vo vašej krajine
- kde bývate a pracujete v Holandsku a váš zamestnávateľ

## Komu a prečo
Obci (gemeente), v ktorej sa zdržiavate. Obec používa vaše údaje len na to, aby vás zapísala do holandského registra obyvateľov (BRP), odhlásila vás, keď odídete, a udržiavala váš zápis správny. Každý, kto sa v Holandsku zdržiava dlhšie ako 4 mesiace v priebehu 6 mesiacov, sa musí zapísať.

## Dobrovoľne
Podpis je dobrovoľný. Ak nepodpíšete, obec vaše údaje na tejto platforme neuvidí. Stále sa môžete zapísať sami na obecnom úrade.

## Odvolanie
Súhlas môžete kedykoľvek odvolať pomocou odkazu, ktorý dostanete po podpise. Platí to okamžite: obec už vaše údaje nevidí. To, čo bolo poskytnuté predtým, zostáva zákonné.

## Uchovávanie
Vaše údaje sa uchovávajú šifrované a vymažú sa jeden rok po vašom odchode.`,
  },
  cs: {
    title: 'Souhlas s předáním vašich údajů obci',
    body: `Váš poskytovatel ubytování nebo zaměstnavatel zadal vaše údaje do Platformy pro pracovní migranty (Platform Arbeidsmigranten). S vaším souhlasem může obec, ve které pobýváte, tyto údaje vidět.

## Co se předává
- vaše jméno, datum narození, pohlaví a státní příslušnost
- vaše číslo BSN, pokud ho máte, a číslo dokladu totožnosti
- vaše e-mailová adresa, telefonní číslo a adresa bydliště ve vaší zemi
- kde bydlíte a pracujete v Nizozemsku a váš zaměstnavatel

## Komu a proč
Obci (gemeente), ve které pobýváte. Obec používá vaše údaje pouze k tomu, aby vás zapsala do nizozemského registru obyvatel (BRP), odhlásila vás, když odjedete, a udržovala váš zápis správný. Každý, kdo v Nizozemsku pobývá déle než 4 měsíce během 6 měsíců, se musí zapsat.

## Dobrovolně
Podpis je dobrovolný. Pokud nepodepíšete, obec vaše údaje na této platformě neuvidí. Stále se můžete zapsat sami na obecním úřadě.

## Odvolání
Souhlas můžete kdykoli odvolat pomocí odkazu, který dostanete po podpisu. Platí to okamžitě: obec už vaše údaje nevidí. Co bylo předáno dříve, zůstává zákonné.

## Uchovávání
Vaše údaje jsou uloženy šifrovaně a jsou smazány jeden rok po vašem odjezdu.`,
  },
  pt: {
    title: 'Autorização para partilhar os seus dados com o município',
    body: `O seu fornecedor de alojamento ou empregador introduziu os seus dados na Plataforma de Trabalhadores Migrantes (Platform Arbeidsmigranten). Com a sua autorização, o município onde está pode ver estes dados.

## O que é partilhado
- o seu nome, data de nascimento, sexo e nacionalidade
- o seu número BSN, se tiver, e o número do seu documento de identificação
- o seu endereço de e-mail, número de telefone e morada no seu país
- onde vive e trabalha nos Países Baixos, e o seu empregador

## Com quem, e porquê
Com o município (gemeente) onde está. Este usa os seus dados apenas para o(a) inscrever no registo da população neerlandês (BRP), para cancelar a inscrição quando partir e para manter a sua inscrição correta. Quem fica nos Países Baixos mais de 4 meses num período de 6 meses tem de se inscrever.

## Voluntário
Assinar é voluntário. Se não assinar, o município não vê os seus dados nesta plataforma. Pode ainda inscrever-se pessoalmente na câmara municipal.

## Retirar
Pode retirar a sua autorização em qualquer momento com a ligação que recebe depois de assinar. Tem efeito imediato: o município deixa de ver os seus dados. O que foi partilhado antes continua a ser lícito.

## Conservação
Os seus dados são guardados de forma encriptada e apagados um ano depois da sua partida.`,
  },
  es: {
    title: 'Autorización para compartir sus datos con el ayuntamiento',
    body: `Su proveedor de alojamiento o empleador ha introducido sus datos en la Plataforma de Trabajadores Migrantes (Platform Arbeidsmigranten). Con su autorización, el ayuntamiento del lugar donde reside puede ver estos datos.

## Qué se comparte
- su nombre, fecha de nacimiento, sexo y nacionalidad
- su número BSN, si lo tiene, y el número de su documento de identidad
- su correo electrónico, número de teléfono y domicilio en su país
- dónde vive y trabaja en los Países Bajos, y su empleador

## Con quién, y por qué
Con el ayuntamiento (gemeente) del lugar donde reside. Solo usa sus datos para inscribirle en el registro de población neerlandés (BRP), darle de baja cuando se vaya y mantener su inscripción correcta. Quien permanece en los Países Bajos más de 4 meses en un periodo de 6 meses debe inscribirse.

## Voluntario
Firmar es voluntario. Si no firma, el ayuntamiento no ve sus datos en esta plataforma. Aún puede inscribirse usted mismo en el ayuntamiento.

## Retirar la autorización
Puede retirar su autorización en cualquier momento con el enlace que recibe después de firmar. Tiene efecto inmediato: el ayuntamiento deja de ver sus datos. Lo que se compartió antes sigue siendo lícito.

## Conservación
Sus datos se guardan cifrados y se eliminan un año después de su marcha.`,
  },
  el: {
    title: 'Συναίνεση για την κοινοποίηση των στοιχείων σας στον δήμο',
    body: `Ο πάροχος στέγασης ή ο εργοδότης σας καταχώρισε τα στοιχεία σας στην Πλατφόρμα Μετακινούμενων Εργαζομένων (Platform Arbeidsmigranten). Με τη συναίνεσή σας, ο δήμος όπου διαμένετε μπορεί να δει αυτά τα στοιχεία.

## Τι κοινοποιείται
- το όνομα, η ημερομηνία γέννησης, το φύλο και η ιθαγένειά σας
- ο αριθμός BSN, αν έχετε, και ο αριθμός του εγγράφου ταυτότητάς σας
- η διεύθυνση email, ο αριθμός τηλεφώνου και η διεύθυνση κατοικίας σας στη χώρα σας
- πού μένετε και εργάζεστε στις Κάτω Χώρες, και ο εργοδότης σας

## Σε ποιον, και γιατί
Στον δήμο (gemeente) όπου διαμένετε. Χρησιμοποιεί τα στοιχεία σας μόνο για να σας εγγράψει στο ολλανδικό μητρώο πληθυσμού (BRP), για να σας διαγράψει όταν φύγετε και για να διατηρεί σωστή την εγγραφή σας. Όποιος μένει στις Κάτω Χώρες περισσότερους από 4 μήνες μέσα σε 6 μήνες πρέπει να εγγραφεί.

## Εθελοντικά
Η υπογραφή είναι εθελοντική. Αν δεν υπογράψετε, ο δήμος δεν βλέπει τα στοιχεία σας σε αυτή την πλατφόρμα. Μπορείτε ακόμη να εγγραφείτε μόνοι σας στο δημαρχείο.

## Ανάκληση
Μπορείτε να ανακαλέσετε τη συναίνεσή σας οποιαδήποτε στιγμή με τον σύνδεσμο που λαμβάνετε μετά την υπογραφή. Ισχύει αμέσως: ο δήμος δεν βλέπει πλέον τα στοιχεία σας. Ό,τι κοινοποιήθηκε πριν παραμένει νόμιμο.

## Αποθήκευση
Τα στοιχεία σας αποθηκεύονται κρυπτογραφημένα και διαγράφονται ένα χρόνο μετά την αναχώρησή σας.`,
  },
};

/** The shipped version: each language's text with the privacy notice's markers (./privacy-notice.ts) at its end. */
export const DEFAULT_CONSENT_TEXTS: Readonly<Record<SupportedLanguage, ConsentTextContent>> = Object.fromEntries(
  SUPPORTED_LANGUAGE_CODES.map((language) => [
    language,
    {
      title: DEFAULT_TEXTS_WITHOUT_NOTICE[language].title,
      body: `${DEFAULT_TEXTS_WITHOUT_NOTICE[language].body}\n\n${noticeSection(language)}`,
    },
  ]),
) as Record<SupportedLanguage, ConsentTextContent>;
