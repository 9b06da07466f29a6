"""News written for the tests in many languages and the legacy encodings they are still served in.

Each text is ours: short, invented news about a made-up satellite company, Orbitnet.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Story:
    language: str
    encoding: str  # how the test serves it
    title: str
    text: str


# Feeds in legacy encodings: Japanese twice (EUC-JP and Shift_JIS), then one language each.
LEGACY_FEEDS = [
    Story(
        "ja",
        "euc_jp",
        "オービットネット、航空会社向けの新しい通信プランを発表",
        "オービットネットは本日、ナローボディ機向けの低遅延通信プランを発表しました。"
        "来年一月から、乗客は機内で無料のメッセージを送れるようになります。",
    ),
    Story(
        "ja",
        "shift_jis",
        "オービットネット、東京に研究所を開設",
        "オービットネットは東京都内に衛星アンテナの研究所を開設しました。"
        "技術者百人が勤務し、小型端末の開発を進める予定です。",
    ),
    Story(
        "ko",
        "euc_kr",
        "오비트넷, 항공사용 새 통신 요금제 발표",
        "오비트넷은 오늘 협동체 항공기를 위한 저지연 통신 요금제를 발표했습니다. "
        "내년 1월부터 승객은 기내에서 무료로 메시지를 보낼 수 있습니다.",
    ),
    Story(
        "ru",
        "koi8_r",
        "Орбитнет объявил о новом тарифе для авиакомпаний",
        "Орбитнет сегодня объявил о новом тарифе для узкофюзеляжных самолётов. "
        "С января пассажиры смогут бесплатно отправлять сообщения на борту.",
    ),
    Story(
        "th",
        "tis_620",
        "ออร์บิทเน็ตเปิดตัวแพ็กเกจสื่อสารใหม่สำหรับสายการบิน",
        "ออร์บิทเน็ตเปิดตัวแพ็กเกจสื่อสารใหม่สำหรับสายการบินในวันนี้ "
        "ตั้งแต่เดือนมกราคม ผู้โดยสารจะส่งข้อความบนเครื่องบินได้ฟรี",
    ),
    Story(
        "he",
        "cp1255",
        "אורביטנט מכריזה על תוכנית תקשורת חדשה לחברות תעופה",
        "אורביטנט הכריזה היום על תוכנית תקשורת חדשה למטוסים צרי גוף. "
        "החל מינואר הנוסעים יוכלו לשלוח הודעות בחינם במהלך הטיסה.",
    ),
    Story(
        "uk",
        "cp1251",
        "Орбітнет оголосив новий тариф для авіакомпаній",
        "Орбітнет сьогодні оголосив про новий тариф для вузькофюзеляжних літаків. "
        "З січня пасажири зможуть безкоштовно надсилати повідомлення на борту.",
    ),
    Story(
        "el",
        "iso8859_7",
        "Η Όρμπιτνετ ανακοινώνει νέο πρόγραμμα για αεροπορικές εταιρείες",
        "Η Όρμπιτνετ ανακοίνωσε σήμερα ένα νέο πρόγραμμα επικοινωνίας για αεροσκάφη στενής "
        "ατράκτου. Από τον Ιανουάριο οι επιβάτες θα στέλνουν μηνύματα δωρεάν κατά την πτήση.",
    ),
]

# Pages, in UTF-8 or an encoding of their region, none of them declared.
PAGES = [
    Story(
        "zh",
        "gbk",
        "轨道网发布面向航空公司的新通信套餐",
        "轨道网今天发布了面向窄体客机的低延迟通信套餐。明年一月起，乘客可以在飞行中免费发送消息，"
        "并可购买视频服务。\n\n公司表示，新终端比旧系统更轻，可以在一夜之间完成安装。"
        "欧洲的三家航空公司将在春季首批使用这项服务。",
    ),
    Story(
        "ja",
        "euc_jp",
        "オービットネット、海運向け端末を値下げ",
        "オービットネットは本日、船舶向け端末の価格を二割引き下げると発表しました。"
        "漁業会社や貨物船の運航会社が主な対象となります。\n\n"
        "新しい価格は来月一日から適用され、既存の契約者にも同じ条件が提供されます。"
        "同社は、アジアの港湾での需要が伸びていると説明しました。",
    ),
    Story(
        "ko",
        "utf-8",
        "오비트넷, 해운용 단말기 가격 인하",
        "오비트넷은 오늘 선박용 단말기 가격을 20% 인하한다고 발표했습니다. "
        "어업 회사와 화물선 운영사가 주요 대상입니다.\n\n"
        "새 가격은 다음 달 1일부터 적용되며 기존 계약자에게도 같은 조건이 제공됩니다. "
        "회사는 아시아 항만에서 수요가 늘고 있다고 설명했습니다.",
    ),
    Story(
        "de",
        "cp1252",
        "Orbitnet senkt die Preise für Schiffsterminals",
        "Orbitnet senkt die Preise für Schiffsterminals um ein Fünftel. Die Änderung gilt ab "
        "März für Fischereibetriebe und Reedereien in Österreich, Deutschland und der Schweiz.\n\n"
        "Bestandskunden erhalten dieselben Bedingungen, teilte das Unternehmen am Dienstag mit.",
    ),
    Story(
        "fr",
        "cp1252",
        "Orbitnet ouvre un laboratoire à Lyon",
        "Orbitnet a ouvert à Lyon un laboratoire consacré aux antennes de satellite. Une centaine "
        "d'ingénieurs y travailleront dès l'été sur des terminaux plus légers.\n\n"
        "La société précise que le site accueillera aussi des essais pour les compagnies aériennes.",
    ),
    Story(
        "en",
        "utf-8",
        "Orbitnet opens a ground station in Nairobi",
        "Orbitnet opened a ground station in Nairobi that serves ships and aircraft over East "
        "Africa. The site doubles the capacity available to carriers in the region.\n\n"
        "The company said a second station will follow next year in the south of the country.",
    ),
    Story(
        "es",
        "utf-8",
        "Orbitnet lanza un plan para aerolíneas en España",
        "Orbitnet lanzó hoy un plan de conectividad para aviones de pasillo único. Desde enero, "
        "los pasajeros podrán enviar mensajes gratis durante el vuelo.\n\n"
        "La compañía afirmó que la instalación se completa en una sola noche de mantenimiento.",
    ),
]
