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
 * Words that make an otherwise decision-like sentence a report, a proposal, an intention or a step of the
 * voting procedure ("Med 5 ja-röster mot 1 nej-röst beslutar nämnden …" reports the vote; the decision follows).
 */
export const NOT_DECISION =
  /(?<![\p{L}\p{N}])(?:föreslår|föreslås|föreslog|beslutade|beslöt|beslutats|beslöts|fattade|fick|skulle|ska|skall|bör|kan|kunna|behöver|kommer att|önskar|vill|tidigare|hade|uttalar|yrkar|yrkande|proposition|ja-röst(?:er)?|nej-röst(?:er)?|röstar|röster)(?![\p{L}\p{N}])|\?$/iu;

/** A bare frame that only introduces the decided points: "Styrelsen beslutar att", "Nämnden beslutar:". */
export const DECISION_FRAME =
  /^(?:[\p{L}\s-]{0,60}?\s)?(?:beslutar|beslutade|besluta|beslöt|föreslår\s[\p{L}\s-]{0,60}besluta)(?:\s+(?:följande|enligt följande|att))?\s*:?$/iu;
