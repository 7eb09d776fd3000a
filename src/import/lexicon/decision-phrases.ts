/**
 * Phrases are written in lower case without Unicode classes: the importer joins them into one pattern
 * and tests lower-cased sentences with it, which is several times faster than case-insensitive Unicode
 * matching.
 *
 * Phrases that mark a sentence as a decision of the meeting when the paragraph has no "Beslut" heading
 * ("Dagordningen godkännes.", "Informationen läggs till handlingarna.", "Till justerare utses X.").
 * Present tense only: "beslutade" and "fick i uppdrag" report earlier decisions.
 */
export const DECISION_PHRASES: readonly RegExp[] = [
  /\btill handlingarna\b/iu,
  /\bgodkänn(?:es|s|er)\b/iu,
  /\bfastställ(?:s|es|er)\b/iu,
  /\b(?:antas|antar)\b/iu,
  /\bbevilja(?:s|r)\b/iu,
  /\bbifall(?:s|er)\b|\bbifalla\b/iu,
  /\bavslå(?:s|r)\b/iu,
  /\btillstyrk(?:s|er)\b/iu,
  /\bavstyrk(?:s|er)\b/iu,
  /\b(?:utses|utser|väljs|väljer)\b/iu,
  /\buppdra(?:s|r)\b/iu,
  /\bfår i uppdrag\b/iu,
  /\bbeslutar\b|\bbeslutas\b/iu,
  /\bbestämmer\b|\bbestäms\b/iu,
  /\bställer sig bakom\b/iu,
  /\btackar för (?:informationen|redovisningen|dragningen|presentationen)\b/iu,
  // "Styrelsen tar del av informationen", "Direktionen tar informationen till protokollet".
  /\btar del av (?:informationen|redovisningen|rapporten|lägesrapporten|uppföljningen|dragningen)\b/iu,
  /\btar (?:informationen|redovisningen|rapporten) till (?:dagens )?protokoll(?:et)?\b/iu,
  // "Styrelsen ger förbundschefen i uppdrag att …".
  /\bger [^.]{1,60}? i uppdrag\b/iu,
  /\b(?:avger|lämnar) (?:ett )?yttrande\b|\byttrar sig\b/iu,
  /\b(?:noterar|antecknar)\s+(?:informationen|redovisningen|rapporten)\b|\b(?:informationen|redovisningen|rapporten)\s+(?:noteras|antecknas)\b/iu,
  /\bnoteras till protokollet\b/iu,
  /\bförklaras\b.*(?:öppnat|avslutat)/iu,
  /^upprop (?:genomförs|förrättas|görs|hålls)\b/iu,
  /\bremitteras\b|återremitter(?:as|ar)\b/iu,
  /\bbordläggs\b|\bbordlägger\b/iu,
];

/**
 * A modal verb that governs the deciding verb makes the sentence an intention or a possibility, not a decision:
 * "Budgeten ska fastställas i november", "Ärendet kan avgöras i dag". A modal elsewhere in the sentence does not
 * ("Dagordningen godkänns med de ärenden som ska behandlas"), so "ska" or "kan" alone never rejects a sentence.
 */
const MODAL_BEFORE_VERB = String.raw`(?:ska|skall|kan|kunna|bör|behöver|måste|skulle|kommer att)\s+(?:\p{L}+\s+){0,2}?(?:godkänn|fastställ|anta|bevilja|bifall|avslå|tillstyrk|avstyrk|utse|välj|uppdra|beslut|bestäm|avgör|lägg|remitter|bordlägg)\p{L}*`;

/**
 * Words that make an otherwise decision-like sentence a report, a proposal, an intention or a step of the
 * voting procedure ("Med 5 ja-röster mot 1 nej-röst beslutar nämnden …" reports the vote; "Ordföranden frågar om
 * … och finner att …" puts the question; the decision follows).
 */
export const NOT_DECISION = new RegExp(
  String.raw`(?<![\p{L}\p{N}])(?:föreslår|föreslås|föreslog|beslutade|beslöt|beslutats|beslöts|fattade|fick|skulle|bör|behöver|kommer att|önskar|vill|tidigare|hade|uttalar|yrkar|yrkande|proposition|frågar om|finner att|ja-röst(?:er)?|nej-röst(?:er)?|röstar|röster|${MODAL_BEFORE_VERB})(?![\p{L}\p{N}])|\?$`,
  'iu',
);

/** A bare frame that only introduces the decided points: "Styrelsen beslutar att", "Nämnden beslutar:". */
export const DECISION_FRAME =
  /^(?:[\p{L}\s-]{0,60}?\s)?(?:beslutar|beslutade|besluta|beslöt|föreslår\s[\p{L}\s-]{0,60}besluta)(?:\s+(?:följande|enligt följande|att))?\s*:?$/iu;

/**
 * Minutes written in the past tense ("Dagordningen godkändes.", "Till justerare valdes Bo Al.", "Styrelsen
 * tackade för informationen."): the same decisions in the preterite. They count only in a document written in
 * the past tense, since elsewhere the preterite reports what was decided before.
 */
export const PAST_DECISION_PHRASES: readonly RegExp[] = [
  /\bgodkändes\b|\bgodkände\b/iu,
  /\bfastställdes\b|\bfastställde\b/iu,
  /\bantogs\b/iu,
  /\bbeviljades\b|\bbeviljade\b/iu,
  /\bbifölls\b|\bbiföll\b|\bavslogs\b|\bavslog\b/iu,
  /\btillstyrktes\b|\btillstyrkte\b|\bavstyrktes\b|\bavstyrkte\b/iu,
  /\butsågs\b|\butsåg\b|\bvaldes\b|\bvalde\b/iu,
  /\buppdrogs\b|\buppdrog\b|\bfick i uppdrag\b|\bgavs i uppdrag\b/iu,
  /\bbeslutade\b|\bbeslöt\b|\bbeslutades\b|\bbestämdes\b|\bbestämde\b/iu,
  /\bställde sig bakom\b/iu,
  /\btackade för (?:informationen|redovisningen|dragningen|presentationen)\b/iu,
  /\b(?:noterade|antecknade)\s+(?:informationen|redovisningen|rapporten)\b|\b(?:informationen|redovisningen|rapporten)\s+(?:noterades|antecknades)\b/iu,
  /\btog del av (?:informationen|redovisningen|rapporten)\b/iu,
  /remitterades\b|\bbordlades\b/iu,
];

/**
 * The passive preterites of deciding ("Dagordningen godkändes.", "Till justerare valdes Bo Al.", "Rapporten lades till
 * handlingarna."): in a § of present-tense minutes that has no present deciding verb they decide, since they record
 * what was done at the meeting; the active "beslutade"/"fick i uppdrag" there more often report others' decisions.
 */
export const PASSIVE_PAST_DECISION =
  /\b(?:godkändes|fastställdes|antogs|utsågs|valdes|beviljades|bifölls|avslogs|tillstyrktes|avstyrktes|noterades|antecknades|remitterades|bordlades|lades till handlingarna)\b/u;

/** In past-tense minutes the words that report a decision are the decision; intentions and proposals still are not. */
export const NOT_PAST_DECISION = new RegExp(
  String.raw`(?<![\p{L}\p{N}])(?:föreslår|föreslås|föreslog|skulle|bör|behöver|kommer att|önskar|vill|uttalar|uttalade|yrkar|yrkade|yrkande|proposition|frågade om|fann att|ja-röst(?:er)?|nej-röst(?:er)?|röstar|röstade|röster|${MODAL_BEFORE_VERB})(?![\p{L}\p{N}])|\?$`,
  'iu',
);

/** A preterite about an earlier meeting or time ("beslutade vid sitt sammanträde i oktober") reports it. */
export const EARLIER_TIME =
  /\bvid (?:sitt |det |förra |föregående |senaste |det senaste |tidigare )*(?:sammanträde|sammanträdet|möte|mötet|styrelsemöte|styrelsemötet)\b|\btidigare\b|\bförra (?:året|mötet|sammanträdet|veckan|månaden)\b|\bi (?:januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december|våras|höstas|vintras|somras)\b/iu;

/** Present and past forms that tell which tense the minutes are written in. */
export const PRESENT_TENSE_MARK =
  /\b(?:godkänns|godkänner|beslutar|beslutas|fastställs|fastställer|antar|antas|utses|väljs|beviljar|beviljas|tackar för|noterar|läggs till handlingarna|lägger \S+ till handlingarna|ställer sig bakom|uppdrar|får i uppdrag)\b/giu;
export const PAST_TENSE_MARK =
  /\b(?:godkändes|godkände|beslutade|beslöt|fastställdes|fastställde|antogs|utsågs|valdes|beviljades|beviljade|tackade för|noterade|noterades|lades till handlingarna|lade \S+ till handlingarna|ställde sig bakom|uppdrogs|fick i uppdrag)\b/giu;
