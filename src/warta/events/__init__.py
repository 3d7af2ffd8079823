"""Stage 4, events: PLOVER events from one document: who did what to whom, when, and according to whom.

`assemble.code_events` is the pipeline stage. The modules, by concern:

- `codebook`: the codebook (`data/events/codebook/`) and PLOVER's ontology, loaded and validated;
  `grammar`: the clause grammar (`clauses.yaml`) and the certainty cues (`certainty.yaml`);
  `phrases`: word sequences with gaps, matched over a sentence's tokens.
- `view`: `SentenceView`, one sentence as the coder reads it (tokens, mentions, clauses),
  the state each step below reads and adds to; `DocState`, what carries across sentences.
- `inferred`: the participants the coder adds ("kedua negara", "ia", "polisi").
- `triggers`: codebook entries matched, vetoed, settled and governed.
- `roles`: actor and recipient of a trigger.
- `attribution`: who says so, how sure the text is, negation.
- `date_place`: the event's date and location.
- `assemble`: the stage itself; one `Event` per trigger and pair of participants.
- `learned` (the default coder): trained models re-decide the rule coder's output over its
  `candidates`; `reactions`: the doer a reaction to an act named by a demonstrative is
  aimed at.

For each sentence the coder

1. finds **triggers**: the word forms and phrases of the codebook
   (`data/events/codebook/<type>.yaml`, loaded and validated once by `load_codebook`). All
   patterns sit in one index keyed by their first word (a ``*`` is a gap of up to three
   words, never across a verb or a clause connective), so a sentence costs one look-up
   per token. An entry whose `needs` are not met (`next_is`, `not_next`, `object_nouns`,
   `sentence_has`, the sports veto, ...) drops out before overlaps are settled, so the
   next candidate takes its place; so does a match inside a name ("Organisasi Kerja
   Sama Islam"), a bare noun qualifying the noun before it ("kapal perang") and a noun
   that is the unit of a count ("131,6 ribu kunjungan"). Overlaps are settled in one
   function, `settle_triggers`: the longest span wins, then the more specific entry
   (its `object_nouns` satisfied), then the codebook order. A governing trigger
   (REQUEST, REJECT, THREATEN, AGREE) that takes another trigger as its complement
   ("mendesak Myanmar menghentikan serangan", "sepakat untuk bekerja sama") is coded
   alone; the complement sets its mode (`plover.yaml` `complement_modes`) and lends it
   its recipient; an order whose object is the act itself ("Kuwait memerintahkan
   pengusiran 15 diplomat Iran", `executive_verbs`) is that act, by the one who orders.
   At most `max_triggers_per_sentence` triggers are kept.
2. cuts the sentence into **clauses** (`data/events/clauses.yaml`): at ``;``, ``:`` and
   dashes, at a comma followed by a conjunction, before a complementiser (``bahwa``,
   ``agar``) and a subordinating conjunction (``setelah``, ``ketika``: `clause_openers`),
   after the verb of a reporting frame ("Tass mengatakan | para pejabat
   sepakat"), and at the first comma of a clause opened by a subordinator or a
   preposition ("Meskipun ..., ", "Selama kunjungan Kozlov, "). Relative clauses
   ("Kozlov, yang tiba di Korea Utara, bertemu ...") stay inside their clause but are
   skipped when the subject is looked for; a trigger inside one takes the noun before
   the relativiser as its subject.
3. finds the **actor and recipient** inside the trigger's clause, among the names of
   the entity stage (a capital standing for its government is a COUNTRY mention) and
   what the coder infers: "kedua negara" (the two countries most named in the last
   sentences), "ia"/"dia" (the person last named at the head of a sentence), and
   sector nouns naming no one ("Polisi menangkap ...": a participant with sector COP;
   before a name, "militer Amerika", they give the name's sector). Such a participant,
   and a named state body whose name gives no country ("Kementerian Luar Negeri"),
   belongs to the country of a place right after it ("Media pemerintah di Pyongyang"),
   else to the one named last before it in the sentence, else, for a state body, to
   the story's dateline country when the story names it again (`home_country`).
   Active verbs: the nearest such participant before the trigger that is neither
   inside a prepositional phrase (a conjunct counts as its first conjunct: "dengan
   China dan Rusia") nor the object of an earlier verb; "dengan X + verb" makes X the
   subject. Coordinated subjects ("Korea Utara dan Rusia", "kedua negara") give one
   event, first -> second, for reciprocal types or with no other party, else one event
   per actor. The recipient is the direct object (a name within `np_words` words after
   the verb, or the first of the next clause when a reporting verb ends its clause:
   "Qatar menuding | Saudi mempolitisir ..."), the doer of an act the object names
   ("menyesalkan ancaman yang diluncurkan Korut"), or the first name after one of the
   entry's `recipient_prep`; -kan verbs, whose object is the thing moved, try the
   preposition first. Passives: the agent
   follows the verb or "oleh"; the subject is the recipient, unless the subject is the
   moved thing itself ("11.000 tentara Korea Utara ... dipindahkan ke ..."), whose owner
   is then the actor. Nominalisations ("kunjungan Kozlov", "invasi Rusia ke Ukraina",
   "pengiriman pasukan Korea Utara", "serangan yang dilakukan militer"): the doer named
   after the noun or after "oleh" (or "dari" for the `source_types`: "aksi penembakan
   dari India"), else the clause subject; "antara X dan Y" gives both parties; a mutual
   act with no party in its clause is that of the sentence's "kedua negara"; a noun
   naming only its doer ("Selama kunjungan Kozlov") is the act of that doer told up to
   `anaphor_sentences` before, whose recipient (and date, if it has none) it takes. In an
   apposition ("pemimpin Korea Utara Kim Jong Un") the person is the participant, and a
   person carries its own country and sector. A recipient who is the actor (same
   entity, or a state and its own body) is dropped. An event with no participant, a type that
   requires a recipient (`plover.yaml`) or an actor (`requires_actor`) without one, and
   a CONSULT with the press are not coded; two triggers of one type for one dyad in a
   sentence give one event, and an event missing a party that another of its type in
   the sentence names is dropped ("menembak dan menewaskan seorang tentara Pakistan").
4. reads **attribution and certainty** (`data/events/certainty.yaml`): postposed frames ("...,
   kata Lim", also after a closing quote that opened sentences earlier), preposed ones
   ("menurut X", "X mengatakan bahwa"), passive and media frames ("diberitakan oleh X",
   "studi terbaru oleh X"; "Kesepakatan ini diberitakan oleh X" reports on the sentence
   before). Certainty cues act on the next trigger (scope `predicate`, within
   `cue_window` words) or on the whole clause; `unconfirmed` and `denied` cues govern
   the whole sentence, and so does a negated verb of confirmation ("belum ...
   mengakui bahwa"). When several reach an event, `certainty_precedence` decides; an
   attribution frame gives `reported` (`claimed` for "mengklaim") unless the source
   speaks of its own act. A negator within `cue_window` words before a trigger (or a
   prohibition: "melarang bantuan militer") sets `negated`; "not only" ("tidak hanya",
   "tak cuma") negates nothing.
5. dates the event: the date expression of the clause nearest the trigger (preferring
   one in the same relative clause), else of the sentence, leaving out, unless the act is
   still to come, a year alone and a date after publication (`date_place.event_dates`);
   none when the sentence has
   a background or habitual marker ("telah lama", "selama bertahun-tahun") outside a
   relative clause or in the trigger's own; else the
   publication date (basis ``publication``), or, in an article whose
   "Senin (9/9/2019)" statement frames name the day before publication, that day
   (`date_place.statement_day`). Location: a place after "di" (or
   "ke"/"menuju" for MOBILIZE, ASSAULT and CONSULT visits); quantities: those of the
   clause; mode: the entry's, its complement's, its `cues`, or the type's
   `mode_cues_id` (cues that belong to another trigger or inside a name do not count);
   context: the entry's plus the type's typical contexts cued in the clause; score:
   the mode's PLOVER score, else the type's.

Decision: a future or intended event keeps its type and says so in `certainty`
(``expected`` / ``intended``). PLOVER recodes it by `plover.yaml` `future_as` (future
CONSULT -> AGREE, future ASSAULT -> THREATEN); `plover.plover_type` applies that reading
for the PLOVER export and the gold evaluation. Coding it here would lose what the text
said ("Putin diperkirakan akan mengunjungi Pyongyang" is a visit, expected).

Everything runs in time linear in the length of the text: each token is looked up a
fixed number of times, each trigger looks at most at its clause, and the numbers of
triggers and events per sentence are capped.
"""

