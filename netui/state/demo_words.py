"""What the demo data is drawn from: names with readings, companies, phrases, weights.

Kept apart from netui.state.demo so that package stays about how rows are made. The
Japanese names are common ones (family name first, as written) plus a few that every
reading and sorting rule must survive: 東海林 (しょうじ, not a dictionary reading),
髙橋 and 山﨑 (variant kanji), 𠮷田 (outside the Basic Multilingual Plane).
"""

from __future__ import annotations

import random
from bisect import bisect_right
from functools import cache
from itertools import accumulate
from typing import Generic, NamedTuple, TypeVar

from netui.domain.reading import fold, to_romaji

T = TypeVar("T")


def _pairs(text: str, sep: str = ":") -> tuple[tuple[str, str], ...]:
    """`"田中:たなか 佐藤:さとう"` as `(("田中", "たなか"), ("佐藤", "さとう"))`."""
    items = text.split() if sep == ":" else _phrases(text)
    pairs = (item.split(sep) for item in items)
    return tuple((first.strip(), second.strip()) for first, second in pairs)


def _phrases(text: str) -> tuple[str, ...]:
    """Phrases separated by `|` or line ends, stripped: `"a b | c"` as `("a b", "c")`."""
    return tuple(p.strip() for p in text.replace("\n", "|").split("|") if p.strip())


def weighted(text: str) -> tuple[tuple[str, int], ...]:
    """`"mixer 22, study group 16"` as `(("mixer", 22), ("study group", 16))`."""
    pairs = (item.rsplit(" ", 1) for item in text.split(", "))
    return tuple((name, int(weight)) for name, weight in pairs)


FAMILY_NAMES = _pairs("""
佐藤:さとう 鈴木:すずき 高橋:たかはし 田中:たなか 伊藤:いとう 渡辺:わたなべ 山本:やまもと
中村:なかむら 小林:こばやし 加藤:かとう 吉田:よしだ 山田:やまだ 佐々木:ささき 山口:やまぐち
松本:まつもと 井上:いのうえ 木村:きむら 林:はやし 斎藤:さいとう 清水:しみず 山崎:やまざき
森:もり 池田:いけだ 橋本:はしもと 阿部:あべ 石川:いしかわ 山下:やました 中島:なかじま
石井:いしい 小川:おがわ 前田:まえだ 岡田:おかだ 長谷川:はせがわ 藤田:ふじた 後藤:ごとう
近藤:こんどう 村上:むらかみ 遠藤:えんどう 青木:あおき 坂本:さかもと 斉藤:さいとう 福田:ふくだ
太田:おおた 西村:にしむら 藤井:ふじい 金子:かねこ 岡本:おかもと 藤原:ふじわら 中野:なかの
三浦:みうら 原田:はらだ 中川:なかがわ 松田:まつだ 竹内:たけうち 小野:おの 田村:たむら
中山:なかやま 和田:わだ 石田:いしだ 森田:もりた 上田:うえだ 原:はら 内田:うちだ 柴田:しばた
酒井:さかい 宮崎:みやざき 横山:よこやま 高木:たかぎ 安藤:あんどう 宮本:みやもと 大野:おおの
小島:こじま 谷口:たにぐち 今井:いまい 工藤:くどう 増田:ますだ 丸山:まるやま 杉山:すぎやま
五十嵐:いがらし 服部:はっとり 東海林:しょうじ 小鳥遊:たかなし 髙橋:たかはし 山﨑:やまざき
𠮷田:よしだ 長谷部:はせべ
""")

GIVEN_NAMES = _pairs("""
翔太:しょうた 大輔:だいすけ 健太:けんた 拓也:たくや 直樹:なおき 翼:つばさ 蓮:れん 悠真:ゆうま
陽翔:はると 湊:みなと 健:けん 誠:まこと 浩二:こうじ 隆:たかし 学:まなぶ 剛:つよし 修:おさむ
亮:りょう 太郎:たろう 一郎:いちろう 健一:けんいち 和也:かずや 裕太:ゆうた 雄一:ゆういち
達也:たつや 真一:しんいち 洋平:ようへい 康介:こうすけ 俊介:しゅんすけ 哲也:てつや 慎吾:しんご
光:ひかる 陽介:ようすけ 大樹:だいき 悠斗:ゆうと 颯太:そうた 涼介:りょうすけ 海斗:かいと
圭:けい 潤:じゅん 翔:しょう 優希:ゆうき 陽子:ようこ 恵子:けいこ 裕子:ゆうこ 美穂:みほ 愛:あい
彩:あや 舞:まい 真由美:まゆみ 直美:なおみ 由美:ゆみ 智子:ともこ 久美子:くみこ 明美:あけみ
幸子:さちこ 京子:きょうこ 美咲:みさき 結衣:ゆい 陽菜:ひな 葵:あおい 凛:りん さくら:さくら
芽衣:めい 七海:ななみ 彩花:あやか 沙織:さおり 香織:かおり 奈々:なな 千尋:ちひろ 瞳:ひとみ
美香:みか 理恵:りえ 亜美:あみ 遥:はるか 楓:かえで 花子:はなこ 薫:かおる 渚:なぎさ
ひかり:ひかり 優子:ゆうこ
""")

LATIN_FIRST = tuple(
    """
James Mary John Patricia Robert Jennifer Michael Linda William Elizabeth David Barbara
Richard Susan Joseph Jessica Thomas Sarah Charles Karen Daniel Nancy Matthew Lisa Anthony
Betty Mark Margaret Paul Sandra Steven Ashley Andrew Emily Kevin Donna Brian Michelle
George Carol Olivia Emma Liam Noah Sophia Ava Lucas Mia Ethan Chloé Zoë José François
Søren Björn Łukasz Anaïs Mateo Priya Arjun Wei Min-jun Ji-woo Lars Ingrid Giulia Marco
Ana Pedro Fatima Omar Aisha Kwame Amara Nikolai Olga Hannah Leon Clara Felix
""".split()
)

LATIN_LAST = tuple(
    """
Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez
Gonzalez Wilson Anderson Thomas Taylor Moore Jackson Martin Lee Perez Thompson White
Harris Sanchez Clark Ramirez Lewis Robinson Walker Young Allen King Wright Scott Torres
Nguyen Hill Flores Green Adams Nelson Baker Hall Rivera Campbell Mitchell Carter Roberts
Müller Schmidt Dubois Rossi Novak Kowalski Andersson Nielsen O'Brien McDonald Silva Santos
Costa Patel Singh Kim Park Chen Wang Okafor Mensah Ivanov Petrov Fischer Weber Moreau
Bianchi Jensen Okoro Haddad
""".split()
)

# Names that break naive screens: markup, an action link, emoji, right-to-left scripts.
TRICKY_NAMES = (
    "[/]",
    "[bold]x[/] Sato",
    "[@click=app.bell]Bob[/]",
    "Emi 🌸 Ito",
    "👋🏽 Sam ❤️",
    "سارة أحمد",
    "דוד כהן",
    "ジョン・スミス",
)

# name = mail domain; an empty name is a freelancer with a personal address.
COMPANIES = _pairs(
    """
    Acme = acme.example.com | Globex = globex.example.com | Initech = initech.example.com
    Hooli = hooli.example.com | Vandelay Industries = vandelay.example.com
    Northwind Traders = northwind.example.com | Contoso = contoso.example.com
    Fabrikam = fabrikam.example.com | Tailspin Toys = tailspin.example.com
    Pied Piper = piedpiper.example.com | Blue Yonder = blueyonder.example.com
    Lumen Labs = lumen.example.com | Orbit Health = orbithealth.example.com
    Kestrel Capital = kestrel.example.com | Moss & Partners = moss-law.example.com
    Brightpath Education = brightpath.example.com | さくらテック株式会社 = sakura-tech.example.jp
    山田商事 = yamada-shoji.example.jp | 東京デザイン工房 = tokyo-design.example.jp
    みらい銀行 = mirai-bank.example.jp | 株式会社ひかりソフト = hikari-soft.example.jp
    大阪ロジスティクス = osaka-logi.example.jp | 北斗コンサルティング = hokuto.example.jp
    青空出版 = aozora-pub.example.jp | 株式会社ミナト製作所 = minato-mfg.example.jp
    フジノ食品 = fujino.example.jp | 合同会社ことのは = kotonoha.example.jp
    京都クラフト = kyoto-craft.example.jp | しずく保険 = shizuku.example.jp
    ネクストワークス = nextworks.example.jp | 株式会社かもめ = kamome.example.jp
    ユニバース人材 = universe-hr.example.jp | = gmail.example.com | = icloud.example.com
    """,
    "=",
)

ROLES = _phrases("""
    designer | engineer | product manager | CEO | CTO | founder | sales | marketing | recruiter
    consultant | lawyer | accountant | data scientist | researcher | writer | community manager
    investor | 営業部長 | エンジニア | デザイナー | 人事 | 広報 | 代表取締役 | マネージャー | 税理士
    弁護士 | 研究員
""")

# Stored as netui stores tags (NFKC, casefolded, one word): the Store's own rule.
TAGS = tuple(
    """
    ux fintech design ai python startup hiring marketing sales pm data cloud security legal vc
    mentor speaker community rust healthcare education investor freelance remote climbing
    running golf coffee books english 起業 デザイン 採用 営業 マーケ 勉強会 朝活 副業 投資 登山
    """.split()
)

CITIES = _phrases("""
    東京都渋谷区 | 東京都港区 | 東京都千代田区 | 横浜市 | 大阪市 | 京都市 | 福岡市 | 札幌市
    名古屋市 | Tokyo | Osaka | Singapore | San Francisco | Berlin | remote
""")

# Events of no series: title ({n} is the edition), kind, place, cost in yen (0: free),
# who runs it, and how often one is drawn. Mostly mixers and conferences: the study
# groups and morning sessions a person goes to come back, and are DemoSeries below.
EVENTS = tuple(
    (title, kind, place, int(cost) or None, organizer, int(weight))
    for title, kind, place, cost, organizer, weight in (
        [part.strip() for part in line.split(";")]
        for line in _phrases("""
    渋谷スタートアップ交流会 #{n} ; mixer ; 渋谷 WeWork ; 2000 ; Shibuya Startup Hub ; 5
    Tokyo Tech Mixer #{n} ; mixer ; 六本木 ; 4000 ; Tokyo Tech Mixer team ; 5
    ワイン交流会 in 恵比寿 ; mixer ; 恵比寿 ; 6000 ; ; 3
    Founders Night #{n} ; mixer ; 大手町 Global Business Hub ; 1000 ; ; 3
    経営者交流ランチ会 ; mixer ; 銀座 ; 3500 ; 銀座ビジネスクラブ ; 2
    FinTech Conference Day {n} ; conference ; 東京国際フォーラム ; 20000 ; FinTech Japan 実行委員会 ; 3
    スタートアップカンファレンス {n} ; conference ; 幕張メッセ ; 15000 ; ; 3
    Cloud Native Summit {n} ; conference ; 高輪ゲートウェイ ; 12000 ; ; 2
    LLM ハンズオン ; study group ; 品川 ; 2000 ; ; 1
    ゴルフコンペ 第{n}回 ; sports/hobby ; 千葉 ; 12000 ; ; 1
    フットサル交流会 ; sports/hobby ; 代々木 ; 1500 ; ; 1
    """)
    )
)


class DemoSeries(NamedTuple):
    """A recurring 会 of the demo: what its events are called (`edition` follows the title,
    {n} its number), what kind, where and at what cost, how often and at what time it
    meets, who runs it, and its story:

    - "ongoing": still meeting, its next events in the planner;
    - "paused": last held a month or two ago, nothing planned since (a good one: someone
      met there became a friend, so its nudge says to plan the next);
    - "barren": attended again and again, nobody met there went past acquainted (its
      nudge says to stop);
    - "": ongoing or ended, as drawn.

    `feed` marks a series whose events came from a calendar feed (source "ics").
    """

    title: str
    edition: str
    kind: str
    place: str
    cost: int | None
    every: str  # weekly, biweekly, monthly or quarterly
    start: str  # HH:MM
    organizer: str
    story: str
    feed: bool


# Ordered by what a small demo must hold first: with room for only three or four
# series, these are the monthly 勉強会, the weekly 朝活, the paused conference and the
# barren 交流会 whose nudges the planner shows.
SERIES = tuple(
    DemoSeries(
        title, edition, kind, place, int(cost) or None, every, start, org, story, feed == "feed"
    )
    for title, edition, kind, place, cost, every, start, org, story, feed in (
        [part.strip() for part in line.split(";")]
        for line in _phrases("""
    Python勉強会 ; #{n} ; study group ; オンライン ; 0 ; monthly ; 19:30 ; Python Tokyo 運営チーム ; ongoing ; feed
    朝活読書会 ; #{n} ; morning session ; 丸の内 カフェ ; 800 ; weekly ; 07:30 ; 朝活サークル丸の内 ; ongoing ;
    Tokyo Product Conference ; {n} ; conference ; 虎ノ門ヒルズ ; 8000 ; quarterly ; 10:00 ; Product Tokyo 実行委員会 ; paused ;
    異業種交流会 ; vol.{n} ; mixer ; 新宿 ; 3000 ; monthly ; 19:00 ; ビジネス交流会事務局 ; barren ;
    UX Tokyo Meetup ; #{n} ; study group ; 渋谷 ; 1000 ; monthly ; 19:00 ; UX Tokyo 運営 ; ;
    Rust もくもく会 ; #{n} ; study group ; 秋葉原 ; 500 ; biweekly ; 13:00 ; もくもく会 Tokyo ; ;
    データ分析勉強会 ; 第{n}回 ; study group ; 大手町 ; 1000 ; monthly ; 19:00 ; データ分析コミュニティ ; ; feed
    朝活ランニング ; #{n} ; morning session ; 皇居 ; 0 ; weekly ; 07:00 ; Run & Coffee 皇居 ; ;
    English Morning Circle ; #{n} ; morning session ; 六本木 カフェ ; 500 ; weekly ; 07:30 ; Morning English Tokyo ; ;
    週末ボルダリング部 ; #{n} ; sports/hobby ; 池袋 ; 2500 ; biweekly ; 10:00 ; ボルダリング部 ; ;
    Design Systems Night ; {n} ; conference ; 虎ノ門ヒルズ ; 5000 ; quarterly ; 18:30 ; Design Systems JP ; ;
    """)
    )
)
# Where a series' second, third, ... instance meets: "Python勉強会 大阪" beside "Python勉強会".
SERIES_PLACES = _phrases("""
    大阪 | 福岡 | 名古屋 | 横浜 | 京都 | 札幌 | 神戸 | 仙台 | 広島 | 渋谷 | 新宿 | 品川 | 池袋 | 秋葉原
    六本木 | 大手町 | 恵比寿 | 目黒 | 五反田 | 中目黒 | 吉祥寺 | 川崎 | 千葉 | 大宮 | 金沢 | 那覇
""")

INTENTS = _phrases("""
    meet two people in fintech | find a designer for the side project | 投資家と話す
    learn how others price workshops | 採用候補を見つける | practise the new pitch
    catch up with old colleagues | 聞き役に徹する
""")
OUTCOMES = _phrases("""
    two good conversations, one follow-up | mostly sales pitches | met a possible mentor
    良い出会いが多かった | 想定より少人数だった | talk was great, networking weak
    found a candidate for the open role
""")
# What a barren series' events were like, looking back.
BARREN_OUTCOMES = _phrases("""
    mostly sales pitches | 名刺交換だけで終わった | 保険と投資の勧誘ばかり
    same faces, no new conversations | 同じ顔ぶれで新しい出会いなし
""")

NOTES = _phrases("""
    climbs on weekends | 二児の父 | loves specialty coffee | 大学の後輩 | marathon runner
    moving to Osaka next spring | ex-colleague from Globex | prefers messages over calls
    writes a newsletter on product design | 猫好き | speaks Japanese and Portuguese
    met again at the Python meetup | 甘いものが苦手 | organises the UX study group
    just became a manager | ワインに詳しい
""")
NEEDS = _phrases("""
    frontend engineer | seed funding | a good accountant | デザイナーを探している
    legal advice on contracts | customers in retail | a co-founder | 英語のレビュー
    speakers for the meetup | office space in Shibuya | データ分析の相談相手
""")
OFFERS = _phrases("""
    legal advice | intro to VCs | UX reviews | Python mentoring | 翻訳 | office space
    pricing advice | 採用の相談 | photography | public speaking tips | 会計の知識
""")
SOLICITATION_NOTES = _phrases("""
    pitched an investment seminar | 保険の勧誘 | MLM invitation after the second meeting
    asked to join a paid community | 副業セミナーに誘われた
""")

INTERACTION_SUMMARIES = _phrases("""
    coffee in Shibuya | caught up on the new job | ランチ | sent the slides | 飲み会
    congratulated on the promotion | talked about hiring | オンラインで近況報告
    asked for feedback on the deck | shared an article | quick call about the event
    thanked for the introduction | discussed a possible project | 誕生日のメッセージ
""")
FOLLOWUP_WHATS = _phrases("""
    send the slides | introduce to a designer | 資料を送る | ask about the workshop
    share the article | お礼のメール | book a lunch | review the proposal
    invite to the next meetup | 返信する | send the job description
""")
LEDGER_PHRASES = {
    kind: _phrases(text)
    for kind, text in _pairs(
        """
    information = shared a market report ; 業界の最新情報 ; told about an open role ; event tips
    advice = pricing for the workshop ; キャリア相談 ; feedback on the pitch deck
    introduction = introduced to a designer ; 投資家を紹介 ; intro to a hiring manager
    help = helped move the office ; reviewed the resume ; 資料作成を手伝った ; fixed a deploy
    referral = referred a client ; 案件を紹介 ; recommended for a talk
    opportunity = invited to speak ; side project offer ; 登壇の機会
    gift = お土産 ; book as a thank-you ; coffee beans
    time = an hour of mentoring ; 相談に1時間 ; mock interview
    other = misc ; その他
    """,
        "=",
    )
    for text in [text.replace(";", "|")]
}


class DemoGoal(NamedTuple):
    """A goal of the demo: why, who it needs as criteria (netui.domain.goals.TargetProfile),
    the event kind that serves it, the people it still needs, what it measures, and the
    parts its linked contacts play."""

    title: str
    why: str
    tags: tuple[str, ...]
    words: tuple[str, ...] = ()
    channel: str = ""
    location: str = ""
    min_stage: str | None = None
    kind: str = "mixer"  # the kind of the events that serve it
    slots: tuple[str, ...] = ()
    # Each "metric" (some time), "metric:by" (by the goal's date) or "metric:month"/":week".
    results: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()


def _goal(line: str) -> DemoGoal:
    """`title ; why ; tags ; words ; channel ; location ; min stage ; kind ; slots ; results ;
    roles`, the lists separated by commas (tags and results by spaces)."""
    title, why, tags, words, channel, location, stage, kind, slots, results, roles = (
        part.strip() for part in line.split(";")
    )
    return DemoGoal(
        title,
        why,
        tuple(tags.split()),
        tuple(w.strip() for w in words.split(",") if w.strip()),
        channel,
        location,
        stage or None,
        kind,
        tuple(w.strip() for w in slots.split(",") if w.strip()),
        tuple(results.split()),
        tuple(w.strip() for w in roles.split(",") if w.strip()),
    )


GOALS = tuple(
    _goal(line)
    for line in """
    Find a co-founder ; make the side project a company ; startup python ; engineer ; ; ; acquainted ; study group ; an engineer who has shipped a product, someone who has sold to businesses ; known_or_trusted:by new_matching:month ; co-founder candidate, advisor, introducer
    Hire two frontend engineers ; the team ships too slowly ; hiring 採用 ; engineer ; ; 東京 ; ; mixer ; a senior frontend engineer, a frontend engineer who can mentor ; introductions:by events_attended:month ; candidate, recruiter, referrer
    Win three design clients ; grow the freelance practice ; design ux ; ; ; ; known ; conference ; a founder without a designer, a product manager at a startup, an agency that subcontracts ; slots_filled:by known_or_trusted:by ; client, referrer
    Meet ten people in fintech ; switch industry within a year ; fintech ; ; ; ; ; conference ; a PM at a fintech, a hiring manager at a Tokyo fintech ; new_matching:by known_or_trusted:month introductions:by ; insider, introducer, mentor
    英語で話せる仲間を増やす ; 海外案件に挑戦したい ; english ; ; ; ; ; morning session ; 英語で仕事をしている人 ; promoted:by events_attended ; 練習相手, 紹介者
    Find a mentor in product ; become a better PM ; pm mentor ; ; ; ; acquainted ; study group ; a head of product who has done it twice ; slots_filled:by known_or_trusted:by ; mentor, sparring partner
    Grow the Python study group ; people who teach each other ; python 勉強会 ; ; study group ; ; ; study group ; a regular speaker, a venue host ; events_attended:month new_matching:month ; speaker, regular, organiser
    Talk to angel investors ; raise a seed round next year ; investor vc 投資 ; ; ; ; acquainted ; mixer ; an angel in B2B SaaS, a partner at a seed fund ; introductions:by known_or_trusted:by promoted:week ; angel, introducer, advisor
    """.strip().splitlines()
)

ANSWERS = (
    "Good week: two follow-ups done, one new intro.",
    "今週は忙しくて連絡が少なかった。来週は朝活に参加する。",
    "Balance with Globex people tilting: give something back.",
)

# -- how often each choice is drawn -------------------------------------------

# The channel a contact came through; event channels usually come with the event, and
# "introduction" is set apart, for the ~15% introduced by an earlier contact.
CHANNEL_WEIGHTS = weighted(
    "mixer 22, study group 16, morning session 7, sports/hobby 5, conference 10, SNS 9,"
    " matching app 3, crowdsourcing 3, work 20, other 5"
)
INTERACTION_KIND_WEIGHTS = weighted(
    "meeting 25, call 10, message 30, email 15, SNS 10, meal 8, other 2"
)
LEDGER_KIND_WEIGHTS = weighted(
    "information 30, advice 20, introduction 10, help 15, referral 5, opportunity 5, gift 5,"
    " time 8, other 2"
)
LEDGER_WEIGHTS = ((1, 35), (2, 30), (3, 20), (4, 10), (5, 5))
# Quarter hours from 08:00 to 21:45: when people meet, call and write.
TIMES = tuple(f"{h:02d}:{m:02d}:00" for h in range(8, 22) for m in (0, 15, 30, 45))


class Picker(Generic[T]):
    """Weighted choice by bisecting cumulative weights: ~3x faster than `Random.choices`."""

    def __init__(self, rng: random.Random, pairs: tuple[tuple[T, int], ...]) -> None:
        self.items = [item for item, _ in pairs]
        self.cumulative = list(accumulate(weight for _, weight in pairs))
        self.total = self.cumulative[-1]
        self.random = rng.random

    def __call__(self) -> T:
        return self.items[bisect_right(self.cumulative, self.random() * self.total)]


@cache
def romaji(kana: str) -> str:
    """Kana as romaji without spaces, for mail addresses: たなか -> tanaka."""
    return to_romaji(kana).replace(" ", "")


@cache
def slug(text: str) -> str:
    """The ASCII letters and digits of the folded text, for mail addresses and URLs."""
    return "".join(ch for ch in fold(text) if ch.isascii() and ch.isalnum())
