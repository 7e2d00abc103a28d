"""Furniture lines in Chinese, Japanese and Korean (c45, issue 17).

``lines.FURNITURE_LINE_RE`` lists the short lines a page prints around its story in
English ("save", "read later", "recommended", a view counter); the same controls and
credits in Chinese, Japanese and Korean stayed story text. Each is a whole line:

- category "a related-stories label in brackets" ("【関連記事】" before a list of links:
  Yahoo! News Japan, Nikkei);
- category "a control's label" (follow, sign up, log in, save, share, text size,
  language: Tokyo Shimbun's "カテゴリーをフォローする", "新規登録", "ログインする";
  Hankook Ilbo's "기사저장"; Maeil Business's "글자크기 설정", "언어변경"; People's
  Daily's "分享让更多人看到");
- category "a reaction button with its count" ("なるほど！ 0", "좋아요 0").

A line holding more than the label (a sentence about logging in) is no such line. Not
listed: a Chinese editor's credit ("【责任编辑:张樵苏 】", "(责编：牛镛、岳弘彬)"): the truths
of the second set keep it twice (Readability's gmw, newspaper4k's chinese_article_001) and
drop it twice (Xinhua's chinese_article_002, fundus's People's Daily).
"""

from __future__ import annotations

import re

CJK_FURNITURE_LINE_RE = re.compile(
    r"^(?:"
    r"[【\[]\s*(?:関連記事|関連ニュース|相关阅读|相关新闻|相關閱讀|相關新聞|관련\s?기사)\s*[】\]]|"
    r"(?:(?:カテゴリー|この記事|記事|著者|トピック)を)?(?:フォロー|保存|シェア|印刷)(?:する)?|"
    r"ログイン(?:する)?|(?:新規|会員)登録(?:する)?|"
    r"기사\s?(?:저장|공유|스크랩)|공유하기|글자\s?크기(?:\s?설정)?|언어\s?변경|"
    r"分享让更多人看到|分享到[：:]?|"
    r"(?:なるほど！?|いいね！?|좋아요|추천|点赞|赞)\s*\d+"
    r")$"
)


def is_cjk_furniture_line(text: str) -> bool:
    """A whole line that is one of CJK_FURNITURE_LINE_RE's labels or credits."""
    return not text.isascii() and CJK_FURNITURE_LINE_RE.match(text.strip()) is not None
