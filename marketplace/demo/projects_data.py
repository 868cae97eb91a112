"""The demo world's co-investment projects as data (projects.py creates them through the funds services).

Each row names its SME, supplier and need/solution as demo_listings_data does (positions from 1, titles),
its sponsor programme by name (None: the government-only track), the seeded government programme
(1: 상생형 type 1, 2: 상생형 type 2, 3: government-only) and the state it is moved to. A project is
identified by its need, so a second seed run adds none.
"""

# One row per line reads as a table; wrapped by the formatter it would be hard to scan or compare.
# ruff: noqa: E501

from __future__ import annotations

from typing import NamedTuple


class DemoProject(NamedTuple):
    sme: int
    need_title: str
    supplier: int
    solution_title: str
    programme: str | None  # the sponsor programme's name; None on the government-only track
    government_programme: int
    tier: str
    cost_krw: int
    state: str
    agreed_months_ago: int = 0  # when it was agreed (design is due 3 months later)
    repayment_percent: int | None = None  # an energy pre-investment: the share of savings that repays


class DemoSaving(NamedTuple):
    months_ago: int  # the month measured, counted back from the current month
    saved_krw: int
    saved_kwh: int


SAMSUNG = "스마트공장 상생형 지원사업 2027"
SAMSUNG_SMALL = "삼성 소기업 스마트공장 상생형 2유형 2027"
POSCO = "포스코 상생형 스마트공장 (철강·뿌리)"
HYUNDAI = "현대자동차 부품 협력사 상생형 스마트공장 2027"
LG = "LG전자 협력사 스마트공장 구축 지원 2027"
KEPCO = "한전 에너지효율 상생형 스마트공장 2027"
TYPE_1, TYPE_2, GOVERNMENT_ONLY = 1, 2, 3
M = 1_000_000

REJECT_REASON = "이번 차수의 지원 분야와 맞지 않아 선정하지 않습니다."
CANCEL_REASON = "공장 이전 일정이 확정되지 않아 사업을 취소합니다."
ENERGY_NEED = "도금 라인 FEMS 에너지 모니터링 구축"

P = DemoProject

# fmt: off
PROJECTS = (
    # 상생형 type 1
    P(1, "Predictive maintenance for spindles on 12 machining centres", 8, "CNC 공구 수명 예측 클라우드 서비스", SAMSUNG, TYPE_1, "advanced1", 110 * M, "completed", 19),
    P(1, "CNC 가공기 38대 가동 데이터 수집 및 MES 연동", 1, "사출성형 특화 클라우드 MES (SmartWorks MES for Injection)", SAMSUNG, TYPE_1, "advanced1", 170 * M, "building", 5),
    P(3, "사출성형 MES 도입 (사출기 24대)", 1, "사출성형 특화 클라우드 MES (SmartWorks MES for Injection)", SAMSUNG, TYPE_1, "advanced1", 200 * M, "completed", 17),
    P(3, "사출품 외관 불량 비전검사기 도입 (2개 라인)", 2, "사출·프레스 부품 외관 비전검사기 (VI-Eye 300)", SAMSUNG, TYPE_1, "basic", 80 * M, "inspected", 8),
    P(8, "사출기 30대 성형조건 모니터링 및 불량 분석", 1, "사출성형 특화 클라우드 MES (SmartWorks MES for Injection)", SAMSUNG, TYPE_1, "advanced1", 110 * M, "applied"),
    P(22, "머시닝센터 28대 가공 공장 기초 MES 구축", 16, "소기업용 구독형 클라우드 MES (CloudMES Lite)", SAMSUNG, TYPE_1, "basic", 85 * M, "cancelled", 2),
    P(15, "Inline vision inspection of welds on body sub-assemblies", 2, "AI 비전 용접 비드 검사 (VisionITech WeldEye)", HYUNDAI, TYPE_1, "advanced1", 250 * M, "building", 6),
    P(12, "열간 단조 프레스 예지보전 시스템", 8, "프레스 예지보전 솔루션 (PredictLab Press)", HYUNDAI, TYPE_1, "advanced1", 240 * M, "designing", 2),
    P(11, "CNC 복합가공기 공구 수명 예측", 8, "CNC 공구 수명 예측 클라우드 서비스", HYUNDAI, TYPE_1, "advanced1", 100 * M, "inspected", 7),
    P(13, "유압 실린더 조립·내압시험 공정 MES", 1, "가공·조립 공장 표준 MES (SmartWorks MES Standard)", HYUNDAI, TYPE_1, "advanced1", 140 * M, "rejected"),
    P(12, "단조품 치수·랩 결함 3D 비전 전수검사", 18, "3D 비전 단조·주조품 치수 검사", POSCO, TYPE_1, "advanced1", 180 * M, "agreed", 4),
    P(6, "AI casting defect prediction for the aluminium die-casting line", 13, "주조·사출 공정 불량 예측 AI (AIF Predict)", POSCO, TYPE_1, "advanced2", 400 * M, "agreed", 0),
    P(17, "SMT line traceability and MES upgrade", 1, "가공·조립 공장 표준 MES (SmartWorks MES Standard)", LG, TYPE_1, "advanced1", 260 * M, "completed", 10),
    P(23, "Injection-moulding MES for 28 machines", 1, "사출성형 특화 클라우드 MES (SmartWorks MES for Injection)", LG, TYPE_1, "advanced1", 210 * M, "selected"),
    P(4, ENERGY_NEED, 4, "FEMS 에너지 모니터링 (도금·열처리)", KEPCO, TYPE_1, "basic", 70 * M, "completed", 10, 50),
    P(5, "열처리로 LNG·전력 사용량 원단위 관리 (FEMS)", 17, "FEMS 에너지 모니터링 (용해로·열처리로·정류기)", KEPCO, TYPE_1, "basic", 55 * M, "building", 3, 70),
    # 상생형 type 2 (small firms): at most ₩20,000,000, the SME pays nothing
    P(20, "소규모 프레스 금형업체 공정·원가 관리 시스템", 6, "중소 제조기업 통합 ERP (FactoryOne ERP)", SAMSUNG_SMALL, TYPE_2, "basic", 20 * M, "completed", 9),
    P(20, "와이어컷·방전가공기 가동 모니터링", 5, "무선 진동·온도 센서 설비 모니터링 (ST-Wave)", SAMSUNG_SMALL, TYPE_2, "basic", 18 * M, "agreed", 1),
    P(16, "CNC 자동선반 야간 무인운전 모니터링", 5, "무선 진동·온도 센서 설비 모니터링 (ST-Wave)", SAMSUNG_SMALL, TYPE_2, "basic", 16 * M, "applied"),
    P(16, "정밀가공 공장 클라우드 MES 도입", 16, "소기업용 구독형 클라우드 MES (CloudMES Lite)", SAMSUNG_SMALL, TYPE_2, "basic", 20 * M, "designing", 1),
    # Government-only 보급 track: no sponsor; the officer selects
    P(2, "금형 수주·공정·원가 관리용 금형 ERP 도입", 6, "중소 제조기업 통합 ERP (FactoryOne ERP)", None, GOVERNMENT_ONLY, "basic", 64 * M, "completed", 20),
    P(10, "BOM 기반 생산·구매·재고 통합 ERP 도입", 6, "중소 제조기업 통합 ERP (FactoryOne ERP)", None, GOVERNMENT_ONLY, "basic", 75 * M, "inspected", 6),
    P(19, "식품 공장 냉장·냉동 창고 WMS 및 선입선출", 12, "식품·제조 공장 WMS (LogiSmart WMS)", None, GOVERNMENT_ONLY, "advanced1", 220 * M, "building", 4),
    P(24, "반응기 온도·압력 이상 징후 조기 감지 AI", 13, "주조·사출 공정 불량 예측 AI (AIF Predict)", None, GOVERNMENT_ONLY, "advanced1", 160 * M, "selected"),
    P(25, "광학 렌즈 부품 외관 검사 자동화", 18, "AI 비전 외관검사 (사출·도금·광학 부품)", None, GOVERNMENT_ONLY, "basic", 48 * M, "rejected"),
    P(26, "용접기 22대 전류·전압 데이터 수집 및 용접 이력", 7, "노후 PLC 리트로핏 및 OPC UA 게이트웨이", None, GOVERNMENT_ONLY, "basic", 60 * M, "cancelled", 1),
)

# The energy pre-investment's measured savings: six months so far, half of each repays KEPCO.
SAVINGS = (
    DemoSaving(6, 3_100_000, 21_400),
    DemoSaving(5, 3_400_000, 23_500),
    DemoSaving(4, 2_900_000, 20_000),
    DemoSaving(3, 3_600_000, 24_800),
    DemoSaving(2, 3_300_000, 22_700),
    DemoSaving(1, 3_500_000, 24_100),
)
# fmt: on
