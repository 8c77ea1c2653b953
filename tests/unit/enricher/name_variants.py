"""Real spelling variants of names in English-language news, and real different entities with close names.

The table of ``test_canonical.py``. It is data about the world, written from how outlets actually spell these
names, not from what ``services/enricher/canonical.py`` produces; when the folding cannot merge a set, the set
stays here as a known split (``parts`` lists the groups the forms really fall into, ``why`` says why no cheap rule
merges them), so the table keeps saying what a reader would want.

``VARIANT_SETS``: each set is one real entity and every form some English-language outlet or transliteration
system uses for it, compared like with like (full names with full names, surnames with surnames: the enricher keys
an article's entity on its most complete name). ``DISTINCT_PAIRS``: different real entities whose names are close
enough that a careless fold could merge them; each is checked under one label, so that the fold alone, not the
class, has to keep them apart.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class VariantSet:
    label: str
    forms: tuple[str, ...]
    note: str
    """Who writes which form."""
    parts: tuple[tuple[str, ...], ...] = ()
    """Known split: the groups of forms that do share a key. Empty when the whole set shares one."""
    why: str = ""
    """Known split: why no cheap, safe rule merges the parts."""

    @property
    def merged(self) -> bool:
        return not self.parts

    @property
    def id(self) -> str:
        return " / ".join(self.forms[:2])


@dataclass(frozen=True)
class DistinctPair:
    label: str
    left: str
    right: str
    note: str

    @property
    def id(self) -> str:
        return f"{self.left} | {self.right}"


NO_VOWEL_FOLD = (
    "the forms differ in a vowel; no vowel fold is safe (o/a merges Oman and Amman, Toronto and Taranto; o/u "
    "merges Colombia and Columbia; e/o merges Hong and Heng; final a/o merges Maria and Mario)"
)

VARIANT_SETS: tuple[VariantSet, ...] = (
    # ---- Russian, Ukrainian, Belarusian ----------------------------------------------------------------------
    VariantSet("PERSON", ("Zelensky", "Zelenskyy", "Zelenskiy", "Zelenskyi"),
               "BBC, NYT, Guardian: Zelensky; AP, Ukraine's presidential office, US government: Zelenskyy; Reuters: "
               "Zelenskiy; Ukraine's national transliteration (2010): Zelenskyi"),
    VariantSet("PERSON", ("Volodymyr Zelensky", "Volodymyr Zelenskyy", "Volodymyr Zelenskiy"),
               "the same house styles on the full name"),
    VariantSet("PERSON", ("Alexei Navalny", "Aleksei Navalny", "Alexey Navalny", "Aleksey Navalnyy"),
               "BBC, Reuters, AP: Alexei; NYT: Aleksei; RT, TASS, Kremlin-style: Alexey; strict BGN/PCGN-style "
               "transliteration: Aleksey Navalnyy"),
    VariantSet("PERSON", ("Navalny", "Navalnyy", "Navalnyi"),
               "-ый as -y (most outlets), -yy (BGN/PCGN strict), -yi (Ukrainian-style)"),
    VariantSet("PERSON", ("Lukashenko", "Lukashenka", "\u0141ukaszenka", "Lukaszenka"),
               "Lukashenko: Russian form, nearly all English news; Lukashenka: Belarusian form (RFE/RL Belarus "
               "service, the opposition); \u0141ukaszenka: Polish orthography (Polish outlets, sometimes stripped)"),
    VariantSet("PERSON", ("Alexander Lukashenko", "Aleksandr Lukashenko", "Alyaksandr Lukashenka",
                          "Aliaksandr Lukashenka"),
               "Alexander: the English name (BBC, Reuters, AP); Aleksandr: transliterated Russian (NYT); "
               "Alyaksandr/Aliaksandr: Belarusian (RFE/RL, official Belarusian transliteration)",
               parts=(("Alexander Lukashenko",), ("Aleksandr Lukashenko",),
                      ("Alyaksandr Lukashenka", "Aliaksandr Lukashenka")),
               why="the given names are an English name, a Russian one (-er / -r) and a Belarusian one (akanye "
                   "Alya- / Ale-); folding them needs vowel and ending folds that merge different names"),
    VariantSet("PERSON", ("Tsikhanouskaya", "Tsikhanovskaya", "Tikhanovskaya", "Tihanovskaya"),
               "Tsikhanouskaya: Belarusian form (BBC, Reuters, AP since 2020); Tsikhanovskaya: half-Belarusian "
               "(some outlets); Tikhanovskaya: Russian form (early 2020 coverage); Tihanovskaya: kh as h",
               parts=(("Tsikhanouskaya", "Tsikhanovskaya"), ("Tikhanovskaya", "Tihanovskaya")),
               why="Belarusian ць (ts) against Russian ть (t): a ts → t fold merges the surnames Tsien and Tien, "
                   "Tsang and Tang"),
    VariantSet("PERSON", ("Babariko", "Babaryka"),
               "Babariko: Russian form (most 2020 coverage); Babaryka: Belarusian form (RFE/RL, Viasna)"),
    VariantSet("PERSON", ("Viktor Babariko", "Viktar Babaryka"),
               "Russian and Belarusian forms of the full name",
               parts=(("Viktor Babariko",), ("Viktar Babaryka",)),
               why="the surname meets, but Belarusian akanye in the given name (Viktar / Viktor) is a vowel: "
                   + NO_VOWEL_FOLD),
    VariantSet("PERSON", ("Kolesnikova", "Kalesnikava"),
               "Kolesnikova: Russian form (Reuters, AP, NYT); Kalesnikava: Belarusian form (BBC, RFE/RL)",
               parts=(("Kolesnikova",), ("Kalesnikava",)),
               why="Belarusian akanye in the stem (Ka- / Ko-): " + NO_VOWEL_FOLD),
    VariantSet("PERSON", ("Maria Kalesnikava", "Maryia Kalesnikava", "Maryya Kalesnikava"),
               "Maria (BBC and most); Maryia (Belarusian passport transliteration); Maryya (some Belarusian outlets)"),
    VariantSet("PERSON", ("Ales Bialiatski", "Ales Bialiatsky", "Ales Byalyatsky", "Ales Bialiatski's"),
               "Bialiatski: Nobel committee, AP, Reuters; Bialiatsky: some outlets; Byalyatsky: Russian-based"),
    VariantSet("PERSON", ("Gorbachev", "Gorbachov"),
               "Gorbachev: ё as e (nearly all English news); Gorbachov: ё as o (occasional, mostly European copy)"),
    VariantSet("PERSON", ("Khrushchev", "Khrushchyov"),
               "Khrushchev: ё as e (standard English); Khrushchyov: ё as yo (strict transliteration)"),
    VariantSet("PERSON", ("Dostoevsky", "Dostoyevsky", "Dostoevskii"),
               "Dostoevsky: most modern translations and news; Dostoyevsky: BGN/PCGN (е after a vowel as ye), "
               "BBC; Dostoevskii: Library of Congress"),
    VariantSet("PERSON", ("Tchaikovsky", "Chaikovsky", "Tchaikovskiy"),
               "Tchaikovsky: French-derived, the usual English form; Chaikovsky: BGN/PCGN; -skiy: strict -ий"),
    VariantSet("PERSON", ("Dmitry Medvedev", "Dmitri Medvedev", "Dmitriy Medvedev", "Dmitrii Medvedev"),
               "Dmitry: Reuters, Kremlin English site; Dmitri: AP, NYT; Dmitriy: BGN/PCGN strict; Dmitrii: LC"),
    VariantSet("PERSON", ("Viktor Yanukovych", "Viktor Yanukovich"),
               "Yanukovych: Ukrainian-based (BBC, AP, most since 2010); Yanukovich: Russian-based (Reuters, RT)"),
    VariantSet("PERSON", ("Sergei Lavrov", "Sergey Lavrov"),
               "Sergei: Reuters, AP, BBC; Sergey: Russian foreign ministry, TASS"),
    VariantSet("PERSON", ("Sergei Shoigu", "Sergey Shoygu"),
               "Shoigu: most outlets; Shoygu: й as y (BGN/PCGN, some outlets)"),
    VariantSet("PERSON", ("Yevgeny Prigozhin", "Yevgeniy Prigozhin", "Evgeny Prigozhin"),
               "Yevgeny: Reuters, AP, BBC; Yevgeniy: US Treasury/State; Evgeny: initial е as e (some outlets)",
               parts=(("Yevgeny Prigozhin", "Yevgeniy Prigozhin"), ("Evgeny Prigozhin",)),
               why="a word-initial ye → e fold merges Yellen and Ellen"),
    VariantSet("PERSON", ("Rachmaninoff", "Rachmaninov"),
               "Rachmaninoff: his own spelling, US outlets and concert halls; Rachmaninov: BBC, UK press"),
    VariantSet("PERSON", ("Nursultan Nazarbayev", "Nursultan Nazarbaev"),
               "Nazarbayev: Reuters, AP, BBC; Nazarbaev: е after a vowel as e (some Kazakh and academic texts)"),
    VariantSet("PERSON", ("Kassym-Jomart Tokayev", "Kassym-Jomart Tokaev", "Kassym Jomart Tokayev"),
               "Tokayev: Reuters, AP; Tokaev: some outlets and Kazakh English sites; hyphen dropped by some"),
    VariantSet("PERSON", ("Valery Zaluzhny", "Valerii Zaluzhnyi", "Valeriy Zaluzhnyy"),
               "Valery Zaluzhny: BBC, Reuters; Valerii Zaluzhnyi: Ukrainian national system (Ukrainian "
               "government, AP); Valeriy Zaluzhnyy: strict -ий"),
    VariantSet("PERSON", ("Oleksandr Syrskyi", "Oleksandr Syrsky"),
               "Syrskyi: Ukrainian national system (Ukrainian government, Kyiv Independent); Syrsky: BBC, Reuters"),
    VariantSet("PERSON", ("Vladimir Solovyov", "Vladimir Solovyev", "Vladimir Soloviev"),
               "Solovyov: ё as yo (BBC, Guardian); Solovyev: ё as ye; Soloviev: French-influenced (some wire copy)"),
    VariantSet("PERSON", ("Yulia Tymoshenko", "Yuliya Tymoshenko", "Yulia Timoshenko"),
               "Tymoshenko: Ukrainian-based (most); Yuliya: Ukrainian national system; Timoshenko: Russian-based"),
    VariantSet("PERSON", ("Vitali Klitschko", "Vitaliy Klitschko", "Vitaly Klychko"),
               "Klitschko: the German spelling he boxed under (nearly all news); Klychko: Ukrainian transliteration",
               parts=(("Vitali Klitschko", "Vitaliy Klitschko"), ("Vitaly Klychko",)),
               why="German tsch for ч: folding medial tsch → ch would rewrite Deutsche, Putsch, Bartsch"),
    VariantSet("PERSON", ("Svetlana Alexievich", "Svetlana Aleksievich"),
               "Alexievich: Nobel committee, most news; Aleksievich: strict transliteration"),
    VariantSet("ORG", ("Viasna", "Vyasna"),
               "Viasna: the human rights centre's own spelling; Vyasna: some outlets"),
    VariantSet("GPE", ("Kyiv", "Kiev", "Kyiv's"),
               "Kyiv: Ukrainian-based (AP since 2019, then nearly all); Kiev: Russian-based (older copy, RT)"),
    VariantSet("GPE", ("Kharkiv", "Kharkov"),
               "Kharkiv: Ukrainian-based (most since 2022); Kharkov: Russian-based (older copy, TASS)"),
    VariantSet("GPE", ("Lviv", "Lvov"),
               "Lviv: Ukrainian-based; Lvov: Russian-based (older copy)"),
    VariantSet("GPE", ("Odesa", "Odessa"),
               "Odesa: Ukrainian-based (AP, Reuters since 2022); Odessa: traditional English form"),
    VariantSet("GPE", ("Zaporizhzhia", "Zaporizhia", "Zaporozhye"),
               "Zaporizhzhia: Ukrainian national system (AP, Reuters, BBC); Zaporizhia: simplified (some "
               "outlets); Zaporozhye: Russian-based (TASS, older copy)",
               parts=(("Zaporizhzhia", "Zaporizhia"), ("Zaporozhye",)),
               why="Ukrainian i against Russian o, and -ia against -ye: " + NO_VOWEL_FOLD),
    VariantSet("GPE", ("Chernobyl", "Chornobyl"),
               "Chernobyl: the Russian-based form nearly all English copy keeps; Chornobyl: Ukrainian-based "
               "(Ukrainian government, some outlets since 2022)",
               parts=(("Chernobyl",), ("Chornobyl",)),
               why="Ukrainian o against Russian e: " + NO_VOWEL_FOLD),
    VariantSet("ORG", ("Dynamo Kyiv", "Dynamo Kiev"),
               "Dynamo Kyiv: UEFA and most outlets since about 2020; Dynamo Kiev: older copy",
               parts=(("Dynamo Kyiv",), ("Dynamo Kiev",)),
               why="the Kiev → Kyiv rule is for places only (an organisation class would rewrite the company "
                   "Kalashnikov); the club is an organisation"),
    # ---- Arabic, Persian, Turkish -----------------------------------------------------------------------------
    VariantSet("PERSON", ("Gaddafi", "Gadhafi", "Qaddafi", "Qadhafi", "Kadhafi"),
               "Gaddafi: BBC, Reuters, Guardian; Gadhafi: AP, CNN; Qaddafi: NYT; Qadhafi: academic, some US "
               "government; Kadhafi: AFP",
               parts=(("Gaddafi", "Gadhafi"), ("Qaddafi", "Qadhafi"), ("Kadhafi",)),
               why="g, q and k are three letters for one Arabic sound (Libyan g for ق): q → k merges the surnames "
                   "Qi and Ki, g → k merges Gaye and Kaye"),
    VariantSet("PERSON", ("Bashar al-Assad", "Bashar Assad", "Bashar al Assad", "Bashar al-Asad"),
               "al-Assad: BBC, Reuters, Guardian; Assad: AP style drops al-; al Assad: unhyphenated (some); "
               "al-Asad: single s (academic, some outlets)"),
    VariantSet("PERSON", ("al-Assad", "Al-Assad", "Assad"),
               "the surname alone, with and without the article",
               parts=(("al-Assad", "Al-Assad"), ("Assad",)),
               why="a leading al/el stays: dropping it merges Al Ain and Ain, El Salvador and Salvador; the full "
                   "names meet (Bashar al-Assad = Bashar Assad)"),
    VariantSet("PERSON", ("Mohammed", "Muhammad", "Mohamed", "Mohammad", "Muhammed", "Mohamad"),
               "Mohammed: BBC, Reuters for Gulf names; Muhammad: the Prophet, academic; Mohamed: Egyptian and "
               "North African names (Mohamed Salah); Mohammad: Iranian and Pakistani names; Muhammed: Turkish"),
    VariantSet("PERSON", ("Mohammed bin Salman", "Mohammad bin Salman", "Mohammed Bin Salman"),
               "Mohammed bin Salman: Reuters, BBC; Mohammad: some outlets; Bin capitalised: some outlets"),
    VariantSet("PERSON", ("Osama bin Laden", "Osama Bin Laden", "Usama bin Ladin", "Usama bin Laden"),
               "Osama bin Laden: nearly all news; Usama bin Ladin: FBI, CIA, 9/11 Commission; mixed forms occur",
               parts=(("Osama bin Laden", "Osama Bin Laden"), ("Usama bin Ladin",), ("Usama bin Laden",)),
               why="O/U and e/i are vowels: " + NO_VOWEL_FOLD),
    VariantSet("ORG", ("Hezbollah", "Hizbollah", "Hizballah", "Hizbullah"),
               "Hezbollah: most outlets; Hizbollah: Financial Times; Hizballah: US State Department; Hizbullah: "
               "academic",
               parts=(("Hezbollah",), ("Hizbollah", "Hizballah", "Hizbullah")),
               why="the -allah endings meet, but Hezb- / Hizb- is a vowel: " + NO_VOWEL_FOLD),
    VariantSet("ORG", ("al-Qaeda", "Al Qaeda", "al Qaeda", "al-Qaida", "Al-Qaida", "al-Qa'ida", "al-Qa\u2019ida"),
               "al-Qaeda: BBC, Reuters; Al Qaeda: NYT; al-Qaida: AP, Guardian; "
               "al-Qa'ida: academic, some UK government"),
    VariantSet("PERSON", ("Hassan Nasrallah", "Hasan Nasrallah", "Hassan Nasrullah"),
               "Hassan Nasrallah: most outlets; Hasan: single s (some); Nasrullah: Urdu/academic-style -ullah"),
    VariantSet("PERSON", ("Recep Tayyip Erdo\u011fan", "Recep Tayyip Erdogan"),
               "Erdoğan: Guardian, Turkish outlets; Erdogan: stripped (AP, Reuters, BBC)"),
    VariantSet("PERSON", ("Kemal K\u0131l\u0131\u00e7daro\u011flu", "Kemal Kilicdaroglu"),
               "with the Turkish letters (Guardian, Turkish outlets); stripped (AP, Reuters)"),
    VariantSet("PERSON", ("Abdel Fattah el-Sisi", "Abdel Fattah al-Sisi", "Abdel-Fattah el-Sissi",
                          "Abdul Fattah al-Sisi", "Abdel Fattah Sisi"),
               "el-Sisi: NYT; al-Sisi: Reuters, BBC; el-Sissi: AP; Abdul: some outlets; no article: second "
               "references made full"),
    VariantSet("PERSON", ("Abdullah", "Abdallah", "Abdellah"),
               "one name (servant of God): Abdullah (Jordan's king, most), Abdallah (Levantine, Sudanese), "
               "Abdellah (Maghrebi)"),
    VariantSet("PERSON", ("Mahmoud Abbas", "Mahmud Abbas"),
               "Mahmoud: French-influenced ou, most outlets; Mahmud: academic, some outlets"),
    VariantSet("PERSON", ("Ismail Haniyeh", "Ismail Haniya"),
               "Haniyeh: Reuters, BBC, AP; Haniya: some outlets (ta marbuta as -a)"),
    VariantSet("PERSON", ("Ayman al-Zawahiri", "Ayman Zawahiri", "Ayman al-Zawahri"),
               "al-Zawahiri: Reuters, BBC; Zawahiri: no article; al-Zawahri: AP",
               parts=(("Ayman al-Zawahiri", "Ayman Zawahiri"), ("Ayman al-Zawahri",)),
               why="an unwritten short vowel: dropping vowels (a consonant skeleton) merges Khamenei and Khomeini"),
    VariantSet("PERSON", ("Abu Bakr al-Baghdadi", "Abu Bakr Baghdadi"),
               "with the article (most); without (AP style)"),
    VariantSet("PERSON", ("Hassan Rouhani", "Hassan Rohani"),
               "Rouhani: most outlets; Rohani: some (closer to the Persian)",
               parts=(("Hassan Rouhani",), ("Hassan Rohani",)),
               why="ou against o: an ou fold merges Houston and Huston, Louis and Lois"),
    VariantSet("NORP", ("Houthi", "Huthi"),
               "Houthi: most outlets; Huthi: AFP, academic",
               parts=(("Houthi",), ("Huthi",)),
               why="ou against u: an ou → u fold merges Houston and Huston, Louis and Luis"),
    VariantSet("ORG", ("al-Shabaab", "al-Shabab", "Al Shabaab"),
               "al-Shabaab: BBC, Reuters; al-Shabab: AP, NYT; Al Shabaab: unhyphenated"),
    VariantSet("ORG", ("Ba'ath Party", "Baath Party", "Ba\u2019ath Party"),
               "with the ayin apostrophe (BBC, academic), ASCII or typographic; without (AP, Reuters)"),
    VariantSet("PERSON", ("Yasser Arafat", "Yasir Arafat"),
               "Yasser: nearly all news; Yasir: academic",
               parts=(("Yasser Arafat",), ("Yasir Arafat",)),
               why="e against i: " + NO_VOWEL_FOLD),
    # ---- Chinese, Korean, Japanese ----------------------------------------------------------------------------
    VariantSet("PERSON", ("Xi Jinping", "XI JINPING", "Xi Jinping's", "Xi Jinping\u2019s"),
               "pinyin is stable in news; capitals in wire headlines, possessives"),
    VariantSet("PERSON", ("Mao Zedong", "Mao Tse-tung"),
               "Mao Zedong: pinyin (news since 1979); Mao Tse-tung: Wade-Giles (older copy, historical quotes)",
               parts=(("Mao Zedong",), ("Mao Tse-tung",)),
               why="two romanisation systems (z/ts, d/t, o/u): no cheap rule maps Wade-Giles to pinyin"),
    VariantSet("PERSON", ("Deng Xiaoping", "Teng Hsiao-p'ing"),
               "Deng Xiaoping: pinyin; Teng Hsiao-p'ing: Wade-Giles (pre-1979 copy)",
               parts=(("Deng Xiaoping",), ("Teng Hsiao-p'ing",)),
               why="two romanisation systems: Wade-Giles to pinyin needs a syllable table, not a fold"),
    VariantSet("GPE", ("Beijing", "Peking"),
               "Beijing: pinyin (all news); Peking: postal romanisation, historical and in fixed names",
               parts=(("Beijing",), ("Peking",)),
               why="left split on purpose: Peking survives in names of other entities (Peking University, Peking "
                   "opera), and the forms share no fold"),
    VariantSet("PERSON", ("Chiang Kai-shek", "Jiang Jieshi"),
               "Chiang Kai-shek: Cantonese-based, the name English uses; Jiang Jieshi: Mandarin pinyin (academic)",
               parts=(("Chiang Kai-shek",), ("Jiang Jieshi",)),
               why="a different reading of the name, not a spelling: should stay split"),
    VariantSet("PERSON", ("Chiang Kai-shek", "Chiang Kai Shek"),
               "hyphenated (most); spaced (some captions and older copy)"),
    VariantSet("GPE", ("Guangzhou", "Canton"),
               "Guangzhou: pinyin; Canton: the historical European name",
               parts=(("Guangzhou",), ("Canton",)),
               why="a different name, not a spelling (and Canton, Ohio is another city)"),
    VariantSet("PERSON", ("Sun Yat-sen", "Sun Yatsen"),
               "Sun Yat-sen: most English copy; Sun Yatsen: joined (some, and in Sun Yatsen University)",
               parts=(("Sun Yat-sen",), ("Sun Yatsen",)),
               why="a hyphen is a word break so that Kim Jong-un meets AP's Kim Jong Un, the far commoner case; "
                   "joining hyphenated syllables instead would split that pair"),
    VariantSet("PERSON", ("Kim Jong-un", "Kim Jong Un", "Kim Jong-Un"),
               "Kim Jong-un: BBC, Guardian, NYT; Kim Jong Un: AP, Reuters, KCNA; Jong-Un: some outlets"),
    VariantSet("PERSON", ("Moon Jae-in", "Moon Jae In", "Moon Jae-In"),
               "Moon Jae-in: most (Yonhap, BBC); Moon Jae In: unhyphenated (some outlets)"),
    VariantSet("PERSON", ("Shinzo Abe", "Shinz\u014d Abe", "Abe Shinzo"),
               "Shinzo Abe: most; Shinzō: with the macron (some, Hepburn); Abe Shinzo: Japanese order, as Japan's "
               "government asked in 2019 (a few outlets)",
               parts=(("Shinzo Abe", "Shinz\u014d Abe"), ("Abe Shinzo",)),
               why="name order is not spelling: sorting words would make Hassan Ali and Ali Hassan one person"),
    # ---- diacritics and European spellings ---------------------------------------------------------------------
    VariantSet("PERSON", ("M\u00fcller", "Muller", "Mueller"),
               "Müller: Guardian, German outlets; Muller: stripped (BBC, ESPN); Mueller: German ue convention "
               "(AP, Reuters for German names)",
               parts=(("M\u00fcller", "Muller"), ("Mueller",)),
               why="ue → u would rewrite Manuel, Samuel and Venezuela, and oe → o merges Joe and Jo"),
    VariantSet("PERSON", ("Jos\u00e9 Mourinho", "Jose Mourinho"), "accented (Guardian); stripped (AP, BBC)"),
    VariantSet("GPE", ("Krak\u00f3w", "Krakow", "Cracow"),
               "Kraków: Guardian, Polish outlets; Krakow: stripped (AP, Reuters); Cracow: older English name",
               parts=(("Krak\u00f3w", "Krakow"), ("Cracow",)),
               why="Cracow is an older English exonym (c against k): a c → k fold merges Cline and Kline"),
    VariantSet("GPE", ("S\u00e3o Paulo", "Sao Paulo"), "accented (Guardian, BBC); stripped (AP, Reuters)"),
    VariantSet("GPE", ("Gda\u0144sk", "Gdansk"), "accented (Guardian, Polish outlets); stripped (AP, Reuters)"),
    VariantSet("PERSON", ("\u0141ukaszenka", "Lukaszenka", "LUKASZENKA"), "Polish form, with and without the ł"),
    VariantSet("PERSON", ("Lech Wa\u0142\u0119sa", "Lech Walesa"), "accented (Guardian); stripped (AP, Reuters)"),
    VariantSet("GPE", ("Z\u00fcrich", "Zurich"), "accented (Swiss outlets); stripped (most English news)"),
    VariantSet("PERSON", ("Novak Djokovic", "Novak \u0110okovi\u0107", "Novak Djokovi\u0107"),
               "Djokovic: nearly all English news (Serbian Đ as Dj); Đoković: Serbian Latin; Djoković: mixed"),
    VariantSet("GPE", ("Malm\u00f6", "Malmo"), "accented (Swedish, Guardian); stripped (AP, Reuters)"),
    VariantSet("PERSON", ("Sin\u00e9ad O'Connor", "Sinead O\u2019Connor", "Sin\u00e9ad O\u2019Connor",
                          "Sinead O'Connor"),
               "accented or not (Irish outlets keep the fada), ASCII or typographic apostrophe"),
    VariantSet("PERSON", ("Aleksandar Vu\u010di\u0107", "Aleksandar Vucic"),
               "accented (Serbian Latin, Guardian); stripped (AP, Reuters)"),
    VariantSet("GPE", ("Chi\u0219in\u0103u", "Chi\u015fin\u0103u", "Chisinau"),
               "comma-below ș (correct Romanian), cedilla ş (legacy fonts), stripped (AP, Reuters)"),
    # ---- initials, possessives, particles ---------------------------------------------------------------------
    VariantSet("PERSON", ("J.K. Rowling", "JK Rowling", "J. K. Rowling", "J K Rowling"),
               "J.K.: US outlets; JK: BBC, Guardian (no stops); J. K.: spaced initials (Chicago style)"),
    VariantSet("PERSON", ("George W. Bush", "George W Bush", "George W. Bush's"),
               "with and without the stop (BBC drops stops)"),
    VariantSet("PERSON", ("George H.W. Bush", "George H. W. Bush", "George HW Bush"),
               "H.W.: AP, NYT; H. W.: spaced; HW: BBC, Guardian"),
    VariantSet("PERSON", ("J.R.R. Tolkien", "JRR Tolkien", "J. R. R. Tolkien"), "the same three styles"),
    VariantSet("GPE", ("U.S.", "US", "U.S"), "U.S.: AP, NYT, Reuters; US: BBC, Guardian; U.S: a cut stop"),
    VariantSet("PERSON", ("Martin Luther King Jr.", "Martin Luther King, Jr.", "Martin Luther King Jr"),
               "Jr.: AP; , Jr.: older and formal style; Jr: BBC, Guardian"),
    VariantSet("PERSON", ("Poczobut's", "Poczobut", "Poczobut\u2019s", "Poczobut'"),
               "possessive, ASCII or typographic apostrophe"),
    VariantSet("PERSON", ("Lukashenko's", "Lukashenko", "Lukashenko\u2019s"), "possessive"),
    VariantSet("PERSON", ("Trump\u2019s", "Trump's", "Trump"), "possessive"),
    VariantSet("PERSON", ("Jesus'", "Jesus", "Jesus's", "Jesus\u2019"),
               "Jesus': classical possessive (AP); Jesus's: Chicago, Guardian"),
    VariantSet("ORG", ("the Kremlin", "Kremlin", "The Kremlin's"), "leading article and possessive"),
    VariantSet("PERSON", ("Ursula von der Leyen", "Ursula Von der Leyen", "Ursula von der Leyen's"),
               "lower-case particles (most); capitalised (some headlines and captions)"),
    VariantSet("PERSON", ("Charles de Gaulle", "Charles De Gaulle"), "lower-case de (most); capitalised (some)"),
    VariantSet("PERSON", ("Vincent van Gogh", "Vincent Van Gogh"), "lower-case van (most); capitalised (some)"),
    VariantSet("PERSON", ("Jean-Luc M\u00e9lenchon", "Jean-Luc Melenchon", "Jean Luc Melenchon"),
               "accented (Guardian, French outlets); stripped (AP, Reuters); unhyphenated (some)"),
)

DISTINCT_PAIRS: tuple[DistinctPair, ...] = (
    DistinctPair("PERSON", "George Bush", "George W. Bush", "father (41st president) and son (43rd)"),
    DistinctPair("PERSON", "George W. Bush", "George H. W. Bush", "son and father, both with initials"),
    DistinctPair("PERSON", "Khamenei", "Khomeini", "Iran's second and first supreme leaders"),
    DistinctPair("PERSON", "Ali Khamenei", "Ruhollah Khomeini", "the same two, full names"),
    DistinctPair("PERSON", "Kim Jong-un", "Kim Jong-il", "North Korea's leader and his father"),
    DistinctPair("PERSON", "Kim Il-sung", "Kim Jong-il", "grandfather and father"),
    DistinctPair("PERSON", "Raul Castro", "Fidel Castro", "brothers, both Cuban leaders"),
    DistinctPair("PERSON", "Lech Kaczy\u0144ski", "Jaros\u0142aw Kaczy\u0144ski",
                 "twin brothers, Polish president and prime minister"),
    DistinctPair("PERSON", "Dmitry Medvedev", "Daniil Medvedev", "Russian politician and tennis player"),
    DistinctPair("PERSON", "Alexei Navalny", "Yulia Navalnaya", "husband and wife"),
    DistinctPair("PERSON", "Vitali Klitschko", "Wladimir Klitschko", "brothers, Kyiv's mayor and the boxer"),
    DistinctPair("PERSON", "Bashar al-Assad", "Hafez al-Assad", "son and father, both Syrian presidents"),
    DistinctPair("PERSON", "Mohammed bin Salman", "Mohammed bin Zayed", "Saudi and Emirati rulers"),
    DistinctPair("PERSON", "Hosni Mubarak", "Gamal Mubarak", "Egypt's president and his son"),
    DistinctPair("PERSON", "Saleh", "Salah", "Ali Abdullah Saleh (Yemen) and Mohamed Salah: two Arabic names"),
    DistinctPair("PERSON", "Khan", "Han", "Imran Khan and Han Duck-soo: why an initial kh stays"),
    DistinctPair("PERSON", "Qi", "Ki", "Chinese and Korean surnames: why q is not k"),
    DistinctPair("PERSON", "Gaye", "Kaye", "Marvin Gaye and Danny Kaye: why g is not k"),
    DistinctPair("PERSON", "Osaka", "Osako", "Naomi Osaka and Yuya Osako: why final a/o stay apart"),
    DistinctPair("PERSON", "Maria", "Mario", "why final a/o stay apart"),
    DistinctPair("PERSON", "Adjani", "Adani", "Isabelle Adjani and Gautam Adani: why only an initial dj folds"),
    DistinctPair("PERSON", "Mitchell", "Michel", "George Mitchell and Charles Michel: why only an initial tch folds"),
    DistinctPair("PERSON", "Marx", "Marks", "why ks folds only between vowels"),
    DistinctPair("PERSON", "Walz", "Waltz", "Tim Walz and Mike Waltz"),
    DistinctPair("PERSON", "Kline", "Cline", "Kevin Kline and Patsy Cline: why c is not k"),
    DistinctPair("PERSON", "Yellen", "Ellen", "Janet Yellen and Ellen DeGeneres: why an initial ye stays"),
    DistinctPair("PERSON", "Houston", "Huston", "Whitney Houston and John Huston: why ou is not u"),
    DistinctPair("PERSON", "Louis", "Luis", "why ou is not u"),
    DistinctPair("PERSON", "Tsien", "Tien", "Roger Tsien and Chang-Lin Tien: why ts is not t"),
    DistinctPair("PERSON", "Tsang", "Tang", "Donald Tsang and Henry Tang, Hong Kong: why ts is not t"),
    DistinctPair("PERSON", "Hong", "Heng", "Chinese surnames: why e/o stay apart"),
    DistinctPair("PERSON", "Hsieh", "Hsia", "Wade-Giles surnames (Xie and Xia): why only -iyeh becomes -iya"),
    DistinctPair("PERSON", "Goff", "Gov", "why -off → -ov needs a longer stem"),
    DistinctPair("PERSON", "Gael", "Gail", "given names: why ae → ai only before a consonant and a vowel"),
    DistinctPair("PERSON", "Bayer", "Baer", "why only vowel + yev drops its y"),
    DistinctPair("PERSON", "Hassan Ali", "Ali Hassan", "why word order is kept"),
    DistinctPair("GPE", "Austria", "Australia", "countries"),
    DistinctPair("GPE", "Iran", "Iraq", "countries"),
    DistinctPair("GPE", "Niger", "Nigeria", "countries"),
    DistinctPair("GPE", "Sudan", "South Sudan", "countries"),
    DistinctPair("GPE", "Slovakia", "Slovenia", "countries"),
    DistinctPair("GPE", "Gambia", "Zambia", "countries"),
    DistinctPair("GPE", "Guinea", "Guinea-Bissau", "countries"),
    DistinctPair("GPE", "Oman", "Amman", "country and Jordan's capital: why o/a stay apart"),
    DistinctPair("GPE", "Toronto", "Taranto", "Canadian and Italian cities: why o/a stay apart"),
    DistinctPair("GPE", "Colombia", "Columbia", "country and the US city/river/district: why o/u stay apart"),
    DistinctPair("GPE", "El Salvador", "Salvador", "country and Brazilian city: why a leading el stays"),
    DistinctPair("GPE", "Al Ain", "Ain", "Emirati city and French department: why a leading al stays"),
    DistinctPair("PERSON", "Bialiatski", "Bialystok", "the Belarusian laureate and the Polish city"),
    DistinctPair("ORG", "Polityka", "Politico", "Polish weekly and US outlet: the -yka rule stays narrow"),
)
