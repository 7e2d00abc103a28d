"""Is a piece of a Chinese, Japanese or Korean byline a person's name? (a40, k40a)

CJK names are written without spaces or capitals ("松村太郎", "谢若含", "신현주"), so
``author_names.looks_like_person`` never passes one. ``is_cjk_name`` reads the name's shape
(two to four Han characters; a Korean surname and two syllables; a transliterated foreign
name's parts joined by a middle dot) and refuses, by category, the words that have that
shape in a byline element: a job or credit word, an organisation named by its type word, a
relative date. ``cjk_names`` reads several names listed with 、 or ，, ``name_in_credit``
the name in a writer's credit ("신현주 기자", "记者 张三"; k41a: a credit line is never a name
as a whole). On a Chinese page a Han name opens with a common surname (``parsers.cjk_surnames``,
a41: "北京", "科技" are no names; k41a: on every page but a Japanese one); on a Japanese page a
name may print a space between surname and given name ("松村 太郎", a41), and a desk, a section,
an era year or a credit is refused in either half (k41a).
Telling a name from a place or word that opens with a surname ("江苏", "金融"), and from a
Japanese word of a name's shape, is left open (k40a, a41, BENCHMARKS)."""

from __future__ import annotations

import re

from parsers.cjk_surnames import opens_with_surname

HAN = "\u4e00-\u9fff"
HANGUL = "\uac00-\ud7a3"
# The middle dots that join a transliterated name's parts: U+00B7 (mainland), U+2027
# (Taiwan), U+30FB and U+FF65 (Japanese).
NAME_DOTS = "\u00b7\u2027\u30fb\uff65"
# Category "a Han name": two to four characters (a one- or two-character surname, a one- or
# two-character given name: "张伟", "谢若含", "欧阳修", "松村太郎").
HAN_NAME_RE = re.compile(f"[{HAN}]{{2,4}}")
# Category "a transliterated foreign name" (k40a): "约翰·史密斯", "约翰‧史密斯": Han parts
# joined by a middle dot, no spaces.
TRANSLITERATED_RE = re.compile(f"[{HAN}]{{1,6}}(?:[{NAME_DOTS}][{HAN}]{{1,6}}){{1,3}}")
# Category "a Korean name is three syllables" (k40a): a one-syllable surname and a
# two-syllable given name ("신현주"), or a two-syllable surname and two ("남궁민수"). Two
# syllables in a byline are mostly a place or a section ("서울", "경제"), four an outlet
# ("연합뉴스"), three opening with no surname a word ("스포츠", "뉴시스"). The surnames are
# those of nine in ten Koreans and more (census 2015).
_KOREAN_SURNAMES = (
    "김 이 박 최 정 강 조 윤 장 임 한 오 서 신 권 황 안 송 류 유 전 홍 고 문 양 손 배 백 허 "
    "남 심 노 하 곽 성 차 주 우 구 민 진 나 지 엄 채 원 천 방 공 현 함 변 염 여 추 도 소 석 "
    "선 설 마 길 연 위 표 명 기 반 라 왕 금 옥 육 인 맹 제 모 탁 국 어 은 편 용 예 경 봉 "
    "사 부 가 복 태 목 형 피 두 감 음 빈 동 온 호 범 좌 팽 승 간 상 갈 시 견 당 화 창 계"
)
_KOREAN_COMPOUND_SURNAMES = "남궁 황보 제갈 선우 독고 사공 서문"
KOREAN_NAME_RE = re.compile(
    f"(?:[{''.join(_KOREAN_SURNAMES.split())}]|{'|'.join(_KOREAN_COMPOUND_SURNAMES.split())})"
    f"[{HANGUL}]{{2}}"
)
# Category "a job or credit word" (a40's role words; k40a: the photo credit, the paper's
# "this paper reports", a translator's or proof-reader's credit, "courtesy of", an
# advertisement's label). Beside a name ("记者张三",
# "张三摄", "김기자") the piece is a credit line, no bare name.
_ROLE_WORDS = (
    "记者 記者 编辑 編集 作者 著者 责编 責編 来源 來源 本报 本報 编辑部 編集部 通讯员 通訊員 撰文 "
    "文字 기자 편집 작성자 특파원 에디터 "
    "摄影 攝影 撮影 写真 图片 圖片 编译 編譯 翻译 翻譯 校对 校對 审校 審校 主编 主編 撰稿 "
    "本报讯 本報訊 特约 特約 评论员 評論員 提供 广告 広告 廣告 赞助 贊助 사진 기사 광고 "
    # k41a: Japanese credits a spaced byline prints before the name ("取材 田中", "監修 田中":
    # reporting, composition, supervision, translation, cooperation by), and the wire
    # services of a Japanese dateline ("東京 共同", "北京 時事").
    "取材 構成 監修 翻訳 協力 共同 時事"
)
ROLE_WORDS = frozenset(_ROLE_WORDS.split())
# One-character credits after a name: "张三摄" (photo by), "张三文" is too rare to refuse.
_CREDIT_ENDINGS = ("摄", "攝")
# Category "an organisation named by its type word" (k40a): an agency, a paper, a site, a
# station, a centre or a desk ends in the word for what it is ("新华社", "共同通信",
# "人民日报", "中新网", "新闻中心", "뉴스팀"). Names do not.
_ORGANISATION_ENDINGS = (
    "社 网 網 报 報 通信 新闻 新聞 日报 日報 时报 時報 中心 电视台 電視台 电台 電台 频道 "
    "頻道 杂志 雜誌 周刊 週刊 集团 集團 公司 大学 大學 研究所 研究院 新闻部 報道部 报道部 "
    "뉴스 신문 일보 통신 방송 팀 편집국 "
    # k41a: a bureau or an office ("那覇 支局", "东京总局", "公安局"); no name ends in 局.
    "局"
)
ORGANISATION_ENDINGS = tuple(_ORGANISATION_ENDINGS.split())
# Category "a relative date word" (k40a): "今天", "昨日", "昨天下午", "오늘" print where a
# date goes.
# k41a: a Japanese era year ("令和 元年", "平成三十年", or the era alone) is a date, no name.
DATE_WORD_RE = re.compile(
    r"(?:[今昨前明本][天日晚晨早]|[上下中]午|凌晨|晚上|早上|傍晚)"
    r"(?:[上下中]午|凌晨|晚上|早上|傍晚)?|오늘|어제|그제|내일"
    r"|(?:令和|平成|昭和|大正|明治)?[元一二三四五六七八九十〇]*年|令和|平成|昭和|大正|明治"
)
# Category "a news desk or section" (k41a): a byline element prints the desk beside or
# instead of the writer ("社会部 鈴木", "경제부", "東京 経済"): a section word, alone or with
# the word for a desk (部, 부). Japanese and Korean, and Chinese in both scripts; a given name
# that is a section word ("政治", Masaharu) is left unread.
_SECTIONS = (
    "政治 経済 经济 經濟 社会 社會 国際 国际 國際 外信 文化 科学 科學 運動 体育 體育 生活 "
    "地方 写真 報道 整理 校閲 学芸 芸能 娱乐 娛樂 财经 財經 総合 論説 特報 "
    "정치 경제 사회 국제 문화 체육 산업 사진 연예 과학 생활 지방 기획 전국"
)
SECTIONS = frozenset(_SECTIONS.split())
_DESK_WORDS = ("部", "부")
# Category "several CJK names in one byline" (k40a): the ideographic and the full-width
# comma (and a Latin one) list co-authors ("张伟、李娜").
# The leading spaces are matched from the first of a run only (``(?<!\s)``): a hostile run of
# spaces with no comma after it would otherwise be rescanned from each of its positions (k41a:
# 40,000 spaces cost 12 s of CPU).
LIST_SEPARATOR_RE = re.compile(r"(?:(?<!\s)\s+)?[、，,]\s*")
LIST_SEPARATORS = frozenset("、，")


def _is_word(text: str) -> bool:
    """A credit, an organisation or a date word of a name's shape."""
    return (
        text in ROLE_WORDS
        or any(text.startswith(w) or text.endswith(w) for w in ROLE_WORDS)
        or text.endswith(_CREDIT_ENDINGS)
        or text.endswith(ORGANISATION_ENDINGS)
        or DATE_WORD_RE.fullmatch(text) is not None
        or text in SECTIONS
        or (text.endswith(_DESK_WORDS) and text[:-1] in SECTIONS)
    )


def is_cjk_name(text: str, language: str = "") -> bool:
    """``text`` is a Chinese, Japanese or Korean personal name as bylines print it; on a
    page that is not Japanese (``language`` not "ja") a Han name opens with a common Chinese
    surname (a41, k41a)."""
    if HAN_NAME_RE.fullmatch(text) is not None:
        # Category "a place, a section or a word of a name's shape on a Chinese page" (k40a,
        # a41): "北京", "科技", "评论" open with no common surname; a Chinese name does.
        # k41a: in any Chinese language ("yue", "wuu"), and on a page in no CJK language or
        # none identified ("北京" quoted on an English page); Japanese pages keep a40's reading
        # (Japanese surnames are no Chinese ones: "松村", "高木").
        shaped = language == "ja" or opens_with_surname(text)
    else:
        shaped = (
            KOREAN_NAME_RE.fullmatch(text) is not None
            or TRANSLITERATED_RE.fullmatch(text) is not None
        )
    return shaped and not _is_word(text)


# Category "a Japanese name with a space between surname and given name" (a41): Japanese
# papers and publishers print "大渡 美咲" (Sankei's author box, fundus), "中村 真子" (InfoQ
# Japan's author link), "嶋田 健志" (O'Reilly Japan's contributors), with an ASCII or an
# ideographic space; a Japanese byline lists co-authors with 、 or ・, not a space. On a Chinese
# page a space between two Han names separates two people ("张伟 李娜"), so Japanese pages only.
SPACED_JAPANESE_RE = re.compile(f"([{HAN}]{{1,3}}) ([{HAN}]{{1,3}})")
# Category "a one-character credit before the name" (k41a): "文 田中" (text by), "絵 田中"
# (drawn by), "訳 田中", "編 田中", "図 田中", "写 田中"; as a spaced pair's first half only
# ("文" opens Chinese and Korean names).
SINGLE_CREDITS = frozenset("文絵図訳編写")


# Category "a CJK name with its job word" (k40a): Korean prints the job after the name
# ("신현주 기자", HankookIlbo's author meta in fundus), Chinese before it ("记者 张三",
# "本报记者张三"); the name is the writer. Writers' jobs only: a photo credit ("张三 摄影")
# or an editor ("责编 张三") names someone else.
_WRITER_WORDS = (
    "记者 記者 本报记者 本報記者 作者 著者 撰文 撰稿 通讯员 通訊員 特约记者 特約記者 "
    "기자 작성자 특파원 "
    # k41a: "记者 张三 报道" (reporter Zhang San reports), the mainland's commonest byline.
    "报道 報道 報導"
)
WRITER_WORDS = frozenset(_WRITER_WORDS.split())
_WRITERS = "|".join(sorted(WRITER_WORDS, key=len, reverse=True))
# "作者：张三", "记者/张三": a colon or a slash may follow the job. k41a: "文/张三", "文｜张三",
# "文・松村太郎" (text by): 文 with a separator only, as it opens names ("文涛").
ROLE_AFFIX_RE = re.compile(f"^(?:(?:{_WRITERS})[:：/／]?|文[:：/／|｜=＝・])+|(?:{_WRITERS})+$")
MAX_CREDIT_TOKENS = 3
# Longer is no credit line; the bound also keeps ``ROLE_AFFIX_RE``'s end-anchored search
# linear ("张" + "记者" * 500,000 + "张" would retry the job words from every position).
MAX_CREDIT_CHARS = 40


def _is_credit_word(token: str) -> bool:
    """``token`` is or holds a job or credit word ("编辑", "责编：张三", "摄", "来源：新华社")."""
    return any(token.startswith(w) or token.endswith(w) for w in ROLE_WORDS) or token.endswith(
        _CREDIT_ENDINGS
    )


def _credit_pieces(text: str) -> list[str] | None:
    """What a credit line holds beside its writer's job words ("记者 北京" -> ["北京"],
    "编辑 张三" -> ["编辑", "张三"]); ``None`` when ``text`` is no credit line (no job or
    credit word, too long, too many pieces)."""
    if len(text) > MAX_CREDIT_CHARS:
        return None
    tokens = text.split()
    if not 0 < len(tokens) <= MAX_CREDIT_TOKENS:
        return None
    pieces = [ROLE_AFFIX_RE.sub("", token) for token in tokens]
    if pieces == tokens and not any(_is_credit_word(t) for t in tokens):
        return None
    return [piece for piece in pieces if piece]


def is_credit_line(text: str) -> bool:
    """``text`` is a CJK credit line ("记者 张三", "记者 北京", "编辑 张三", "张三 摄"),
    whatever the pieces beside the job word: never a name as a whole (k41a)."""
    return _credit_pieces(text) is not None


def name_in_credit(text: str, language: str = "") -> str | None:
    """The one CJK name of a writer's credit line, its job words gone ("신현주 기자" -> "신현주");
    ``None`` when ``text`` is no such line (a bare name, two names, no name, another job's
    credit: "编辑 张三"). The name is read as on a page of ``language`` (``is_cjk_name``;
    k41a: "记者 北京" names nobody on a Chinese page)."""
    pieces = _credit_pieces(text)
    if pieces is None or len(pieces) != 1 or pieces[0] == text:
        return None
    return pieces[0] if is_cjk_name(pieces[0], language) else None


def _spaced_japanese_name(text: str) -> bool:
    """``text`` is a Japanese name printed "surname given-name" (``SPACED_JAPANESE_RE``),
    neither half nor the whole a credit, organisation or date word ("写真 提供")."""
    match = SPACED_JAPANESE_RE.fullmatch(text)
    return (
        match is not None
        and match[1] not in SINGLE_CREDITS
        and not any(_is_word(part) for part in (match[1], match[2], match[1] + match[2]))
    )


def cjk_names(text: str, language: str = "") -> list[str]:
    """The CJK names of ``text``: one name, or several listed with 、 or ， (each a name);
    none when any piece is no name. ``language`` is the page's (``is_cjk_name``; on a
    Japanese page a name may hold a space, ``SPACED_JAPANESE_RE``)."""
    pieces = LIST_SEPARATOR_RE.split(text)
    if all(
        is_cjk_name(p, language) or (language == "ja" and _spaced_japanese_name(p)) for p in pieces
    ):
        return pieces
    return []
