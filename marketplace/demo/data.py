"""The demo world as data, written by hand so it reads like a real Korean programme (people.py seeds it).

Rows are only ever appended: a row's position gives its business number and login, so reordering
rows would make a second seed run create lookalike duplicates next to the existing ones.
"""

# One row per line reads as a table; wrapped by the formatter it would be hard to scan or compare.
# ruff: noqa: E501

from __future__ import annotations

from typing import NamedTuple


class DemoOrganisation(NamedTuple):
    name: str
    name_en: str
    ksic_division: str
    industrial_complex: str | None
    # None: the region of the industrial complex (reference.complex_region).
    region: str | None
    employees: int
    annual_revenue_krw: int
    smart_factory_level: str
    contact_phone: str
    # The display name of the organisation's demo user.
    contact_name: str


class DemoMentor(NamedTuple):
    name: str
    former_employer: str
    specialty: str


Org = DemoOrganisation  # short, so each row stays one line

# fmt: off

# Five SMEs in each of six national industrial complexes; the first two are sme@ and sme2@.
SMES = (
    # 반월 (Ansan)
    Org("대성정밀(주)", "Daesung Precision Co., Ltd.", "29", "banwol", None, 86, 18_400_000_000, "intermediate1", "031-491-2274", "김민준"),
    Org("한빛금형", "Hanbit Mold", "29", "banwol", None, 34, 6_200_000_000, "basic", "031-493-5810", "이서연"),
    Org("세원사출(주)", "Sewon Injection Co., Ltd.", "22", "banwol", None, 58, 9_800_000_000, "none", "031-494-3312", "박도윤"),
    Org("반월도금", "Banwol Plating", "25", "banwol", None, 27, 3_100_000_000, "none", "031-495-7706", "최지우"),
    Org("동양열처리(주)", "Dongyang Heat Treatment Co., Ltd.", "25", "banwol", None, 41, 5_600_000_000, "basic", "031-497-1185", "정하준"),
    # 시화 (Siheung)
    Org("시화주조(주)", "Sihwa Casting Co., Ltd.", "24", "sihwa", None, 112, 24_500_000_000, "intermediate1", "031-433-6021", "강서준"),
    Org("태광용접", "Taekwang Welding", "25", "sihwa", None, 19, 2_300_000_000, "none", "031-434-8870", "조은서"),
    Org("우진플라스틱(주)", "Woojin Plastics Co., Ltd.", "22", "sihwa", None, 73, 12_700_000_000, "basic", "031-488-2319", "윤예준"),
    Org("정우화학(주)", "Jungwoo Chemical Co., Ltd.", "20", "sihwa", None, 64, 21_300_000_000, "intermediate2", "031-499-4452", "장수아"),
    Org("삼원기계", "Samwon Machinery", "29", "sihwa", None, 38, 7_400_000_000, "basic", "031-431-9037", "임시우"),
    # 창원 (Changwon)
    Org("경남정밀기계(주)", "Gyeongnam Precision Machinery Co., Ltd.", "29", "changwon", None, 145, 38_000_000_000, "intermediate2", "055-262-4418", "한지호"),
    Org("창원단조(주)", "Changwon Forging Co., Ltd.", "25", "changwon", None, 96, 27_800_000_000, "intermediate1", "055-285-3106", "오지민"),
    Org("대한유압", "Daehan Hydraulics", "29", "changwon", None, 52, 11_200_000_000, "basic", "055-267-7720", "서준우"),
    Org("성산기어(주)", "Seongsan Gear Co., Ltd.", "29", "changwon", None, 67, 14_900_000_000, "basic", "055-282-5541", "신채원"),
    Org("미래자동차부품(주)", "Mirae Auto Parts Co., Ltd.", "30", "changwon", None, 210, 52_000_000_000, "intermediate1", "055-274-9083", "권민재"),
    # 남동 (Incheon)
    Org("인천정밀(주)", "Incheon Precision Co., Ltd.", "29", "namdong", None, 44, 8_300_000_000, "basic", "032-812-4470", "황유진"),
    Org("남동전자(주)", "Namdong Electronics Co., Ltd.", "26", "namdong", None, 88, 19_600_000_000, "intermediate1", "032-816-2231", "안도현"),
    Org("한일도금", "Hanil Plating", "25", "namdong", None, 23, 2_900_000_000, "none", "032-815-6698", "송하은"),
    Org("영신식품(주)", "Youngshin Foods Co., Ltd.", "10", "namdong", None, 130, 31_500_000_000, "basic", "032-818-3025", "류건우"),
    Org("서해금형", "Seohae Mold", "29", "namdong", None, 16, 1_800_000_000, "none", "032-822-7714", "전서윤"),
    # 구미 (Gumi)
    Org("구미전자(주)", "Gumi Electronics Co., Ltd.", "26", "gumi", None, 175, 44_000_000_000, "intermediate2", "054-463-1152", "홍준서"),
    Org("금오정밀", "Geumo Precision", "29", "gumi", None, 48, 7_900_000_000, "basic", "054-472-6638", "고민서"),
    Org("대진사출(주)", "Daejin Injection Co., Ltd.", "22", "gumi", None, 61, 10_400_000_000, "none", "054-474-2290", "문지환"),
    Org("선산화학(주)", "Seonsan Chemical Co., Ltd.", "20", "gumi", None, 39, 13_800_000_000, "intermediate1", "054-461-8807", "양수빈"),
    Org("한국광학부품", "Hankook Optical Parts", "27", "gumi", None, 12, 1_500_000_000, "none", "054-476-3349", "손현우"),
    # 울산·미포 (Ulsan)
    Org("울산용접기술(주)", "Ulsan Welding Technology Co., Ltd.", "25", "ulsan", None, 57, 9_100_000_000, "basic", "052-227-4413", "배지아"),
    Org("태화주조", "Taehwa Casting", "24", "ulsan", None, 82, 16_300_000_000, "none", "052-288-5170", "백승민"),
    Org("동해열처리(주)", "Donghae Heat Treatment Co., Ltd.", "25", "ulsan", None, 29, 4_200_000_000, "basic", "052-233-9026", "허다인"),
    Org("현성오토텍(주)", "Hyunsung Autotech Co., Ltd.", "30", "ulsan", None, 280, 60_000_000_000, "intermediate2", "052-256-1184", "유재원"),
    Org("미포선박기자재(주)", "Mipo Marine Equipment Co., Ltd.", "31", "ulsan", None, 104, 22_600_000_000, "intermediate1", "052-209-3357", "노서현"),
)

# Large firms funding 상생형 스마트공장 projects; the first is sponsor@.
SPONSORS = (
    Org("삼성전자(주)", "Samsung Electronics Co., Ltd.", "26", None, "gyeonggi", 125_000, 170_000_000_000_000, "advanced", "031-200-1114", "이준호"),
    Org("(주)포스코", "POSCO", "24", None, "gyeongbuk", 18_000, 42_000_000_000_000, "advanced", "054-220-0114", "김태현"),
    Org("현대자동차(주)", "Hyundai Motor Company", "30", None, "ulsan", 72_000, 160_000_000_000_000, "advanced", "052-215-2114", "박성민"),
    Org("LG전자(주)", "LG Electronics Inc.", "26", None, "seoul", 35_000, 84_000_000_000_000, "advanced", "02-3777-1114", "최영희"),
    # KEPCO's own KSIC (35, electricity supply) is outside manufacturing: 28 is the nearest allowed division.
    Org("한국전력공사", "KEPCO", "28", None, "jeonnam", 23_000, 88_000_000_000_000, "advanced", "061-345-3114", "정미경"),
    Org("두산에너빌리티(주)", "Doosan Enerbility Co., Ltd.", "29", None, "gyeongnam", 5_000, 8_000_000_000_000, "advanced", "055-278-6114", "윤상철"),
    # The 반월·시화 smart-complex consortium (marketplace/demo/consortia.py): POSCO ICT leads, with KT, KEPCO (above)
    # and a machinery firm of the complex; then a round the public power companies co-fund with the complex's operator.
    Org("포스코ICT(주)", "POSCO ICT Co., Ltd.", "26", None, "gyeongbuk", 2_400, 1_000_000_000_000, "advanced", "054-280-1114", "한지성"),
    Org("(주)케이티", "KT Corporation", "26", None, "gyeonggi", 20_000, 18_000_000_000_000, "advanced", "031-727-0114", "서동훈"),
    Org("시화정밀기계(주)", "Sihwa Precision Machinery Co., Ltd.", "29", "sihwa", None, 420, 180_000_000_000, "intermediate2", "031-499-2200", "남궁현"),
    Org("한국동서발전(주)", "Korea East-West Power Co., Ltd.", "28", None, "ulsan", 2_600, 7_000_000_000_000, "advanced", "052-230-3114", "차은숙"),
    Org("한국남동발전(주)", "Korea South-East Power Co., Ltd.", "28", None, "gyeongnam", 2_500, 6_500_000_000_000, "advanced", "070-8898-1000", "변재호"),
    # The complex operator (KICOX): not a manufacturer; 28 is the nearest allowed division, as for KEPCO.
    Org("한국산업단지공단", "Korea Industrial Complex Corporation (KICOX)", "28", None, "daegu", 900, 400_000_000_000, "advanced", "070-8895-7114", "문지영"),
)

# Smart-factory solution suppliers (invented); the first is supplier@. The comment is what they sell.
SUPPLIERS = (
    Org("스마트웍스(주)", "SmartWorks Co., Ltd.", "26", "seoul_digital", "seoul", 45, 7_200_000_000, "none", "02-2108-4410", "강지훈"),  # MES
    Org("비전아이텍(주)", "VisionITech Co., Ltd.", "27", None, "gyeonggi", 38, 6_500_000_000, "basic", "031-702-3381", "조민지"),  # vision inspection
    Org("한국로보틱스솔루션(주)", "Korea Robotics Solution Co., Ltd.", "29", None, "gyeonggi", 120, 28_000_000_000, "intermediate1", "031-8040-2270", "윤석진"),  # robots
    Org("에너지브릿지(주)", "EnergyBridge Co., Ltd.", "28", "seoul_digital", "seoul", 27, 3_800_000_000, "none", "02-863-5512", "장혜진"),  # FEMS
    Org("센서텍코리아(주)", "SensorTech Korea Co., Ltd.", "26", "seongseo", "daegu", 55, 8_900_000_000, "basic", "053-583-7704", "임동욱"),  # IoT sensors
    Org("팩토리원(주)", "FactoryOne Inc.", "26", "seoul_digital", "seoul", 72, 11_000_000_000, "none", "02-2025-6630", "한소영"),  # ERP, MES
    Org("디에스오토메이션(주)", "DS Automation Co., Ltd.", "29", "noksan", "busan", 48, 9_400_000_000, "intermediate1", "051-831-2290", "오승현"),  # PLC
    Org("프레딕트랩(주)", "PredictLab Inc.", "27", None, "gyeonggi", 24, 2_600_000_000, "none", "031-8017-4455", "서민호"),  # predictive maintenance
    Org("트윈스페이스(주)", "TwinSpace Inc.", "26", None, "seoul", 33, 4_100_000_000, "none", "02-6959-2108", "신지수"),  # digital twin
    Org("대구메카트로닉스(주)", "Daegu Mechatronics Co., Ltd.", "29", "seongseo", "daegu", 86, 15_600_000_000, "intermediate1", "053-592-8816", "권태윤"),  # robots, automation
    Org("세이프가드시스템(주)", "Safeguard Systems Co., Ltd.", "26", None, "busan", 29, 3_300_000_000, "basic", "051-974-3327", "황보람"),  # safety
    Org("로지스마트(주)", "LogiSmart Co., Ltd.", "29", None, "gyeonggi", 57, 10_200_000_000, "basic", "031-8093-5560", "안재민"),  # WMS, conveyors
    Org("에이아이팩토리(주)", "AI Factory Inc.", "26", None, "seoul", 41, 5_200_000_000, "none", "02-2135-7719", "송유나"),  # AI analytics
    Org("한국계측기술(주)", "Korea Measurement Technology Co., Ltd.", "27", None, "gyeonggi", 68, 12_300_000_000, "intermediate1", "031-379-4402", "류현석"),  # sensors
    Org("코봇솔루션즈(주)", "Cobot Solutions Co., Ltd.", "29", "seongseo", "daegu", 36, 6_800_000_000, "basic", "053-611-2754", "전민수"),  # cobots
    Org("클라우드엠이에스(주)", "CloudMES Inc.", "26", None, "busan", 22, 2_400_000_000, "none", "051-714-6603", "홍서진"),  # cloud MES
    Org("파워세이브(주)", "PowerSave Co., Ltd.", "28", None, "gyeonggi", 31, 4_700_000_000, "basic", "031-628-1147", "고은비"),  # FEMS
    Org("넥스트비전(주)", "NextVision Co., Ltd.", "27", "seoul_digital", "seoul", 47, 7_900_000_000, "basic", "02-853-9920", "문성호"),  # vision inspection
    Org("동남산업자동화(주)", "Dongnam Industrial Automation Co., Ltd.", "29", "noksan", "busan", 93, 18_500_000_000, "intermediate1", "051-972-4418", "양지훈"),  # PLC
    Org("데이터팩토리(주)", "DataFactory Inc.", "26", None, "daegu", 26, 3_000_000_000, "none", "053-721-5536", "손예린"),  # data platform
)
# fmt: on

# Retired engineers who coach SMEs; the first is mentor@. Their profiles are built from these later.
MENTORS = (
    DemoMentor("김영수", "전 삼성전자", "공정제어"),
    DemoMentor("이정훈", "전 현대자동차", "생산기술"),
    DemoMentor("박상철", "전 포스코", "설비보전"),
    DemoMentor("최병호", "전 LG전자", "품질경영"),
    DemoMentor("정광수", "전 두산중공업", "용접·접합"),
    DemoMentor("강철민", "전 한국기계연구원", "금형설계"),
    DemoMentor("조성근", "전 현대중공업", "자동화설비"),
    DemoMentor("이미숙", "전 LG화학", "화학공정"),
    DemoMentor("장명환", "전 SK하이닉스", "반도체 장비"),
    DemoMentor("임재형", "전 기아", "도장·표면처리"),
    DemoMentor("한성욱", "전 삼성SDI", "배터리 제조"),
    DemoMentor("오세영", "전 한국생산기술연구원", "주조·열처리"),
    DemoMentor("서정대", "전 LS산전", "PLC·제어"),
    DemoMentor("신우철", "전 CJ제일제당", "식품위생·HACCP"),
    DemoMentor("권혁진", "전 현대모비스", "사출성형"),
    DemoMentor("황인규", "전 삼성전기", "비전검사"),
    DemoMentor("안종석", "전 대우조선해양", "스마트물류"),
    DemoMentor("송은희", "전 LG CNS", "MES 구축"),
    DemoMentor("류승호", "전 포스코ICT", "에너지관리(FEMS)"),
    DemoMentor("홍순택", "전 한국전력공사", "전력설비·안전"),
)
OFFICER_NAME = "박정호 사무관"
ADMIN_NAME = "시스템 관리자"

# The first three digits of a business number name the tax office that issued it.
TAX_OFFICE_BY_COMPLEX = {
    "banwol": "134",
    "sihwa": "140",
    "changwon": "609",
    "namdong": "131",
    "gumi": "513",
    "ulsan": "610",
    "seoul_digital": "113",
    "seongseo": "514",
    "noksan": "621",
}
TAX_OFFICE_BY_REGION = {
    "seoul": "107",
    "gyeonggi": "124",
    "gyeongbuk": "506",
    "ulsan": "610",
    "jeonnam": "412",
    "gyeongnam": "609",
    "daegu": "503",
    "busan": "605",
}
