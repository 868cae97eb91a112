"""Bilingual reference data from SPEC.md: codes are stored, labels are shown in the user's language.

Kept as data in one place so forms, filters, the API and matching all read the same lists.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple


class Term(NamedTuple):
    code: str
    ko: str
    en: str

    def label(self, locale: str) -> str:
        return self.ko if locale == "ko" else self.en


class Complex(NamedTuple):
    code: str
    ko: str
    en: str
    region: str

    def label(self, locale: str) -> str:
        return self.ko if locale == "ko" else self.en


SOLUTION_CATEGORIES = (
    Term("mes", "MES (생산관리시스템)", "MES"),
    Term("erp", "ERP (전사적자원관리)", "ERP"),
    Term("scm", "SCM (공급망관리)", "SCM"),
    Term("plm_cad", "PLM/CAD (제품수명주기·설계)", "PLM/CAD"),
    Term("fems", "FEMS·에너지관리", "FEMS / energy management"),
    Term("vision_quality", "비전검사·품질관리", "Vision inspection / quality"),
    Term("robots", "로봇·협동로봇", "Robots and cobots"),
    Term("plc_automation", "PLC·자동화", "PLC / automation"),
    Term("iot_sensors", "IoT 센서·데이터 수집", "IoT sensors and data collection"),
    Term("predictive_maintenance", "예지보전", "Predictive maintenance"),
    Term("digital_twin", "디지털 트윈·시뮬레이션", "Digital twin / simulation"),
    Term("ai_analytics", "AI 분석", "AI analytics"),
    Term("safety", "산업안전", "Safety"),
    Term("logistics_wms", "물류·창고관리(WMS)", "Logistics / WMS"),
    Term("cloud_data", "클라우드·데이터 플랫폼", "Cloud / data platform"),
    Term("consulting", "컨설팅", "Consulting"),
)

REGIONS = (
    Term("seoul", "서울특별시", "Seoul"),
    Term("busan", "부산광역시", "Busan"),
    Term("daegu", "대구광역시", "Daegu"),
    Term("incheon", "인천광역시", "Incheon"),
    Term("gwangju", "광주광역시", "Gwangju"),
    Term("daejeon", "대전광역시", "Daejeon"),
    Term("ulsan", "울산광역시", "Ulsan"),
    Term("sejong", "세종특별자치시", "Sejong"),
    Term("gyeonggi", "경기도", "Gyeonggi"),
    Term("gangwon", "강원특별자치도", "Gangwon"),
    Term("chungbuk", "충청북도", "North Chungcheong"),
    Term("chungnam", "충청남도", "South Chungcheong"),
    Term("jeonbuk", "전북특별자치도", "Jeonbuk"),
    Term("jeonnam", "전라남도", "South Jeolla"),
    Term("gyeongbuk", "경상북도", "North Gyeongsang"),
    Term("gyeongnam", "경상남도", "South Gyeongsang"),
    Term("jeju", "제주특별자치도", "Jeju"),
)

INDUSTRIAL_COMPLEXES = (
    Complex("banwol", "반월국가산업단지", "Banwol National Industrial Complex", "gyeonggi"),
    Complex("sihwa", "시화국가산업단지", "Sihwa National Industrial Complex", "gyeonggi"),
    Complex("sihwa_mtv", "시화MTV", "Sihwa MTV", "gyeonggi"),
    Complex("changwon", "창원국가산업단지", "Changwon National Industrial Complex", "gyeongnam"),
    Complex("namdong", "남동국가산업단지", "Namdong National Industrial Complex", "incheon"),
    Complex("gumi", "구미국가산업단지", "Gumi National Industrial Complex", "gyeongbuk"),
    Complex("ulsan", "울산·미포국가산업단지", "Ulsan-Mipo National Industrial Complex", "ulsan"),
    Complex("seoul_digital", "서울디지털산업단지", "Seoul Digital Industrial Complex", "seoul"),
    Complex("gwangju_cheomdan", "광주첨단과학산업단지", "Gwangju Cheomdan Science Complex", "gwangju"),
    Complex("daebul", "대불국가산업단지", "Daebul National Industrial Complex", "jeonnam"),
    Complex("yeosu", "여수국가산업단지", "Yeosu National Industrial Complex", "jeonnam"),
    Complex("osong", "오송생명과학단지", "Osong Bio Valley", "chungbuk"),
    Complex("noksan", "녹산국가산업단지", "Noksan National Industrial Complex", "busan"),
    Complex("seongseo", "성서산업단지", "Seongseo Industrial Complex", "daegu"),
)


class SmartComplex(NamedTuple):
    """A smart industrial complex (스마트산단): one or more industrial complexes run as one by the programme."""

    code: str
    ko: str
    en: str
    complexes: tuple[str, ...]  # INDUSTRIAL_COMPLEXES codes: a tenant's organisation lies in one of them
    selected: int  # the year the government chose it

    def label(self, locale: str) -> str:
        return self.ko if locale == "ko" else self.en


# Chosen by the Ministry of Trade, Industry and Energy: 반월·시화 and 창원 first (19 Feb 2019), 남동 and 구미
# in the second round (10 Sep 2019); ten by 2022 was the plan. Their own targets: outcomes/complexes/targets.py.
SMART_COMPLEXES = (
    SmartComplex("banwol_sihwa", "반월·시화 스마트산단", "Banwol-Sihwa smart industrial complex",
                 ("banwol", "sihwa", "sihwa_mtv"), 2019),
    SmartComplex("changwon", "창원 스마트산단", "Changwon smart industrial complex", ("changwon",), 2019),
    SmartComplex("namdong", "남동 스마트산단", "Namdong smart industrial complex", ("namdong",), 2019),
    SmartComplex("gumi", "구미 스마트산단", "Gumi smart industrial complex", ("gumi",), 2019),
)  # fmt: skip


def smart_complex(code: str) -> SmartComplex | None:
    """The smart industrial complex with this code (None if there is none)."""
    return next((item for item in SMART_COMPLEXES if item.code == code), None)


# What a consulting voucher covers (funds.benefits: a sponsor programme's consulting offers).
CONSULTING_SCOPES = (
    Term("smart_production", "스마트 생산", "Smart production"),
    Term("management", "경영", "Management"),
    Term("energy_efficiency", "에너지 효율", "Energy efficiency"),
    Term("quality", "품질", "Quality"),
    Term("safety", "산업안전", "Safety"),
    Term("data_ai", "데이터·AI 활용", "Data and AI"),
)

SMART_FACTORY_LEVELS = (
    Term("none", "미도입", "None"),
    Term("basic", "기초", "Basic"),
    Term("intermediate1", "중간1", "Intermediate 1"),
    Term("intermediate2", "중간2", "Intermediate 2"),
    Term("advanced", "고도", "Advanced"),
)

FUNDING_TIERS = (
    Term("basic", "기초", "Basic"),
    Term("advanced1", "고도화1", "Advanced 1"),
    Term("advanced2", "고도화2", "Advanced 2"),
)

# KSIC (10th revision) section C, manufacturing divisions 10-34.
KSIC_DIVISIONS = (
    Term("10", "식료품 제조업", "Food products"),
    Term("11", "음료 제조업", "Beverages"),
    Term("12", "담배 제조업", "Tobacco products"),
    Term("13", "섬유제품 제조업(의복 제외)", "Textiles, except apparel"),
    Term("14", "의복, 의복 액세서리 및 모피제품 제조업", "Wearing apparel, accessories and fur"),
    Term("15", "가죽, 가방 및 신발 제조업", "Leather, bags and footwear"),
    Term("16", "목재 및 나무제품 제조업(가구 제외)", "Wood and wood products, except furniture"),
    Term("17", "펄프, 종이 및 종이제품 제조업", "Pulp, paper and paper products"),
    Term("18", "인쇄 및 기록매체 복제업", "Printing and reproduction of recorded media"),
    Term("19", "코크스, 연탄 및 석유정제품 제조업", "Coke, briquettes and refined petroleum"),
    Term("20", "화학물질 및 화학제품 제조업(의약품 제외)", "Chemicals, except pharmaceuticals"),
    Term("21", "의료용 물질 및 의약품 제조업", "Pharmaceuticals and medicinal chemicals"),
    Term("22", "고무 및 플라스틱제품 제조업", "Rubber and plastic products"),
    Term("23", "비금속 광물제품 제조업", "Other non-metallic mineral products"),
    Term("24", "1차 금속 제조업", "Basic metals"),
    Term("25", "금속 가공제품 제조업(기계 및 가구 제외)", "Fabricated metal products"),
    Term("26", "전자부품, 컴퓨터, 영상, 음향 및 통신장비 제조업", "Electronic components, computers, communication"),
    Term("27", "의료, 정밀, 광학기기 및 시계 제조업", "Medical, precision and optical instruments"),
    Term("28", "전기장비 제조업", "Electrical equipment"),
    Term("29", "기타 기계 및 장비 제조업", "Other machinery and equipment"),
    Term("30", "자동차 및 트레일러 제조업", "Motor vehicles and trailers"),
    Term("31", "기타 운송장비 제조업", "Other transport equipment"),
    Term("32", "가구 제조업", "Furniture"),
    Term("33", "기타 제품 제조업", "Other manufacturing"),
    Term("34", "산업용 기계 및 장비 수리업", "Repair of industrial machinery and equipment"),
)

# 뿌리산업: the six root technologies the government singles out for support.
ROOT_INDUSTRIES = (
    Term("casting", "주조", "Casting"),
    Term("mold", "금형", "Mold and die"),
    Term("plastic_working", "소성가공", "Plastic working"),
    Term("welding", "용접", "Welding"),
    Term("surface_treatment", "표면처리", "Surface treatment"),
    Term("heat_treatment", "열처리", "Heat treatment"),
)

# Certifications a firm shows on its profile (organisations/profile.py): the ones Korean buyers ask for.
CERTIFICATIONS = (
    Term("iso9001", "ISO 9001 품질경영", "ISO 9001 quality management"),
    Term("iatf16949", "IATF 16949 자동차 품질", "IATF 16949 automotive quality"),
    Term("iso14001", "ISO 14001 환경경영", "ISO 14001 environmental management"),
    Term("iso45001", "ISO 45001 안전보건", "ISO 45001 health and safety"),
    Term("iso50001", "ISO 50001 에너지경영", "ISO 50001 energy management"),
    Term("iso27001", "ISO 27001 정보보호", "ISO 27001 information security"),
    Term("ks", "KS 인증 (한국산업표준)", "KS mark (Korean Industrial Standards)"),
    Term("innobiz", "이노비즈", "Inno-Biz"),
    Term("mainbiz", "메인비즈", "Main-Biz"),
    Term("venture", "벤처기업 확인", "Venture company"),
    Term("root_firm", "뿌리기업 확인", "Root-industry firm"),
    Term("other", "기타 인증", "Other certification"),
)

# Training courses (marketplace/training): what a course teaches, how far, and for whom.
TRAINING_TOPICS = (
    Term("big_data", "빅데이터", "Big data"),
    Term("iot", "사물인터넷(IoT)", "IoT"),
    Term("ai", "인공지능(AI)", "AI"),
    Term("digital_twin_xr", "디지털 트윈·AR·VR", "Digital twin / AR / VR"),
    Term("robots", "로봇", "Robots"),
    Term("smart_factory_ceo", "스마트공장 CEO 과정", "Smart-factory CEO course"),
    Term("rnd_capability", "R&D 역량", "R&D capability"),
)

TRAINING_LEVELS = (
    Term("stage1", "입문(1단계)", "Introductory (stage 1)"),
    Term("stage2", "실무(2단계)", "Practical (stage 2)"),
    Term("stage3", "심화(3단계)", "Advanced (stage 3)"),
)

TRAINING_AUDIENCES = (
    Term("staff", "임직원", "Staff"),
    Term("ceo", "대표(CEO)", "CEOs"),
)

TABLES: dict[str, tuple[Term, ...] | tuple[Complex, ...]] = {
    "solution_categories": SOLUTION_CATEGORIES,
    "regions": REGIONS,
    "industrial_complexes": INDUSTRIAL_COMPLEXES,
    "smart_factory_levels": SMART_FACTORY_LEVELS,
    "consulting_scopes": CONSULTING_SCOPES,
    "funding_tiers": FUNDING_TIERS,
    "ksic_divisions": KSIC_DIVISIONS,
    "root_industries": ROOT_INDUSTRIES,
    "certifications": CERTIFICATIONS,
    "training_topics": TRAINING_TOPICS,
    "training_levels": TRAINING_LEVELS,
    "training_audiences": TRAINING_AUDIENCES,
}


def codes(table: str) -> tuple[str, ...]:
    """The stored codes of a table, in display order."""
    return tuple(term.code for term in TABLES[table])


def choices(table: str, locale: str) -> list[tuple[str, str]]:
    """(code, label) pairs for a select box in the given language."""
    return [(term.code, term.label(locale)) for term in TABLES[table]]


def label(table: str, code: str | None, locale: str) -> str:
    """The label of one code in the given language ('' for none, the code itself if unknown)."""
    if not code:
        return ""
    for term in TABLES[table]:
        if term.code == code:
            return term.label(locale)
    return code


def bilingual_labels(table: str, codes: Iterable[str | None]) -> list[str]:
    """The labels of some codes in Korean and English, so a search in either language finds them."""
    return [label(table, code, locale) for code in codes if code for locale in ("ko", "en")]


def complex_region(complex_code: str) -> str:
    """The region an industrial complex lies in."""
    return next(c.region for c in INDUSTRIAL_COMPLEXES if c.code == complex_code)
