"""The demo world's listings as data: SME needs, supplier solutions, sponsor programmes (listings.py seeds them).

Each row names its organisation by position in demo_data's SMES, SUPPLIERS or SPONSORS, counted from 1 as
the demo logins are (1 is sme@ / supplier@ / sponsor@). A listing is identified by its organisation and
its title (a programme: its name), so renaming a row makes the next seed run add it as a new listing.
"""

# One row per line reads as a table; wrapped by the formatter it would be hard to scan or compare.
# ruff: noqa: E501

from __future__ import annotations

from datetime import date
from typing import NamedTuple


class DemoNeed(NamedTuple):
    sme: int  # position in demo_data.SMES, from 1
    title: str
    description: str
    category: str
    funding_tier: str
    budget_krw: int
    desired_start: date
    status: str


class DemoSolution(NamedTuple):
    supplier: int  # position in demo_data.SUPPLIERS, from 1
    title: str
    description: str
    categories: tuple[str, ...]
    price_min_krw: int
    price_max_krw: int
    funding_tiers: tuple[str, ...]
    # Empty: the supplier serves the whole country.
    regions_served: tuple[str, ...]
    installations: int
    notable_customers: str
    status: str


class DemoProgramme(NamedTuple):
    sponsor: int  # position in demo_data.SPONSORS, from 1
    name: str
    description: str
    pledged_pool_krw: int
    per_project_cap_krw: int
    sponsor_share_percent: int
    focus_categories: tuple[str, ...]
    focus_industries: tuple[str, ...]  # KSIC divisions
    focus_regions: tuple[str, ...]
    focus_tiers: tuple[str, ...]
    applications_open_on: date
    applications_close_on: date
    offers_mentoring: bool
    status: str


N, S, P, D = DemoNeed, DemoSolution, DemoProgramme, date  # short, so each row stays one line

# fmt: off

# Two needs per SME, in the order of demo_data.SMES; budgets sit in their tier's range
# (basic ₩30M–₩100M, advanced1 ₩100M–₩400M, advanced2 ₩300M–₩800M).
NEEDS = (
    # 반월: 대성정밀, 한빛금형, 세원사출, 반월도금, 동양열처리
    N(1, "CNC 가공기 38대 가동 데이터 수집 및 MES 연동", "반월공단 공장에서 CNC 선반과 머시닝센터 38대를 주야 2교대로 운영하고 있습니다. 가동 현황을 작업자가 일지에 수기로 기록해 실제 가동률(추정 61%)을 정확히 알 수 없습니다. FOCAS·OPC UA로 가동·비가동 상태와 알람을 1초 단위로 수집하고 기존 MES에 연동해 설비종합효율(OEE)을 자동 산출하고자 합니다. 목표는 비가동 시간 20% 감축입니다.", "iot_sensors", "advanced1", 180_000_000, D(2027, 3, 2), "open"),
    N(1, "Predictive maintenance for spindles on 12 machining centres", "We run 12 vertical machining centres around the clock in three shifts, making hydraulic valve bodies. Spindle bearing failures stopped production 9 times last year and cost about ₩85M in repairs and late deliveries. We want vibration and temperature sensors on every spindle and a model that warns at least 72 hours before a failure.", "predictive_maintenance", "advanced1", 150_000_000, D(2027, 1, 11), "in_progress"),
    N(2, "금형 수주·공정·원가 관리용 금형 ERP 도입", "사출금형을 연간 약 120벌 제작하는 34명 규모의 금형 전문기업입니다. 설계·가공·사상·시사출 단계별 진척과 원가를 엑셀로 관리하다 보니 납기 지연이 월 평균 4건 발생합니다. 금형별 수주, 공정 진척, 외주 가공비와 부품 원가를 한 번에 관리하는 금형 특화 ERP가 필요합니다.", "erp", "basic", 68_000_000, D(2027, 2, 1), "open"),
    N(2, "금형 설계 도면(CAD) 버전관리 체계 구축", "설계자 6명이 NX·AutoCAD 도면을 공유 폴더에 저장해 수정 이력이 뒤섞이고 있습니다. 지난해 도면 버전 착오로 코어·캐비티 재가공이 7건 발생했습니다. 소규모 금형업체에 맞는 PDM/PLM과 설계변경(ECO) 결재 흐름을 도입하려 합니다.", "plm_cad", "basic", 45_000_000, D(2027, 5, 3), "draft"),
    N(3, "사출성형 MES 도입 (사출기 24대)", "자동차 내장 부품을 150~850톤 사출기 24대로 주야 2교대 생산하고 있습니다. 생산실적과 불량을 작업일보로 수기 집계하고 있어 실시간 파악이 어렵고, 공정 불량률이 3.2% 수준입니다. 사출기별 성형조건(온도·압력·사이클타임) 자동 수집과 원료부터 출하까지 LOT 추적이 가능한 사출성형 특화 MES로 불량률을 1.5% 이하로 낮추고자 합니다.", "mes", "advanced1", 240_000_000, D(2027, 3, 15), "open"),
    N(3, "사출품 외관 불량 비전검사기 도입 (2개 라인)", "도어트림 등 외관 부품의 흑점·은줄·미성형을 작업자 6명이 육안으로 검사하고 있습니다. 외관 불량 유출로 고객사 클레임이 월 3~4건 발생합니다. 2개 라인 끝단에 카메라 기반 외관 검사기를 설치해 전수 검사를 자동화하려 합니다.", "vision_quality", "basic", 85_000_000, D(2027, 6, 7), "open"),
    N(4, "도금 라인 FEMS 에너지 모니터링 구축", "아연·니켈 도금 라인 3개와 정류기 14대, 건조로 2기를 운영하며 월 전기요금이 약 4,800만 원입니다. 라인별·설비별 전력 사용량을 알 수 없어 피크 관리가 되지 않습니다. 전력량계와 FEMS를 설치해 정류기 부하와 피크 전력을 실시간으로 관리하고 에너지 비용 10% 절감을 목표로 합니다.", "fems", "basic", 72_000_000, D(2027, 2, 15), "open"),
    N(4, "도금액 농도·pH·온도 자동 측정 및 이탈 알림", "도금조 18개의 농도·pH·온도를 하루 2회 수동으로 측정하고 있어 야간에 조건이 이탈하면 다음 날에야 발견됩니다. 지난해 도금 두께 불량으로 약 2,300만 원 규모의 재작업이 있었습니다. 센서와 스마트폰 알림으로 이탈 즉시 대응하는 체계를 만들고 싶습니다.", "iot_sensors", "basic", 38_000_000, D(2027, 4, 5), "open"),
    N(5, "열처리로 IoT 온도·분위기 센서 및 LOT 이력관리", "침탄·질화 열처리로 9기를 24시간 3교대로 운영합니다. 로내 온도와 카본 포텐셜을 차트 기록지로 보관하고 있어 고객사 CQI-9 심사 때 이력 추적에 며칠이 걸립니다. 로별 온도·분위기·가스 유량을 1분 단위로 수집해 LOT별 열처리 이력을 자동으로 만드는 시스템이 필요합니다.", "iot_sensors", "advanced1", 130_000_000, D(2027, 3, 2), "open"),
    N(5, "열처리로 LNG·전력 사용량 원단위 관리 (FEMS)", "에너지 비용이 매출의 약 14%를 차지합니다. 열처리로 9기의 LNG·전력 사용량을 로별·배치별로 계측해 장입량 대비 원단위를 관리하고자 합니다. 대기 중 공회전을 줄여 에너지 사용량 8% 절감이 목표입니다.", "fems", "basic", 60_000_000, D(2027, 7, 1), "open"),
    # 시화: 시화주조, 태광용접, 우진플라스틱, 정우화학, 삼원기계
    N(6, "AI casting defect prediction for the aluminium die-casting line", "We run 8 aluminium die-casting cells (350–1,250 t) making EV motor housings in two shifts. Porosity and cold-shut defects keep our scrap rate at 6.8%, and X-ray inspection only catches them after machining. We want to collect shot profiles, die temperatures and vacuum levels for every shot and train a model that flags suspect castings before machining, aiming for a scrap rate under 4%.", "ai_analytics", "advanced2", 480_000_000, D(2027, 4, 1), "open"),
    N(6, "전기 유도 용해로 피크 전력 관리 시스템", "2톤 유도 용해로 4기가 공장 전력의 약 70%를 사용합니다. 용해 스케줄이 피크 시간대에 몰려 계약전력과 기본요금이 높게 책정되어 있습니다. 용해로 전력을 실시간 계측하고 용해 스케줄을 최적화해 피크 전력을 15% 줄이려 합니다.", "fems", "advanced1", 160_000_000, D(2027, 1, 4), "closed"),
    N(7, "용접 비전검사로 비드 외관 불량 자동 판정", "건설장비용 브래킷을 CO2 용접으로 하루 약 900개 생산하며, 용접 비드 외관을 작업자 2명이 전수 육안 검사합니다. 언더컷·기공 유출로 인한 고객 클레임이 지난해 11건이었습니다. 비전 카메라로 비드 폭·길이·기공을 자동 판정하는 검사 장비를 1개 라인에 도입하려 합니다.", "vision_quality", "basic", 55_000_000, D(2027, 5, 10), "open"),
    N(7, "소량 다품종 브래킷용 협동로봇 용접 셀 1기", "용접사 7명 중 4명이 55세 이상으로 숙련 인력 확보가 어렵습니다. 월 60여 개 품번의 소량 다품종 브래킷 용접에 쓸 수 있는 협동로봇 용접 셀 1기를 도입하고자 합니다. 1교대 생산량 25% 증대가 목표입니다.", "robots", "basic", 90_000_000, D(2027, 8, 2), "open"),
    N(8, "사출기 30대 성형조건 모니터링 및 불량 분석", "가전용 플라스틱 부품을 사출기 30대로 3교대 생산합니다. 금형온도와 보압 편차로 인한 치수 불량이 월 평균 2.4% 발생하지만 원인을 분석할 데이터가 없습니다. 사출기별 성형조건을 자동 수집해 기준값 이탈 시 작업자에게 알리고, 불량과 공정 데이터를 연결해 분석하고자 합니다.", "iot_sensors", "advanced1", 120_000_000, D(2027, 2, 22), "open"),
    N(8, "원료 창고 바코드 재고관리(WMS) 도입", "PP·ABS 등 원료 45종과 마스터배치 120종을 창고 2곳에 보관하는데 재고 실사 차이가 매월 3~5% 발생합니다. 입출고에 바코드 스캔을 적용하고 선입선출을 관리하는 WMS가 필요합니다. 사출기 투입 시점의 원료 LOT도 기록하고 싶습니다.", "logistics_wms", "basic", 48_000_000, D(2027, 6, 14), "open"),
    N(9, "배합 공정 레시피·칭량 관리 MES 고도화", "접착제·코팅제를 반응기 12기에서 배치 생산하며 연간 배치 수는 약 3,600건입니다. 원료 투입량을 작업자가 수기로 기록해 칭량 오차로 인한 배치 불량이 1.1% 발생합니다. 전자저울·반응기 PLC와 연동한 레시피·칭량 관리와 배치별 품질 이력 추적이 가능한 MES로 고도화하려 합니다.", "mes", "advanced2", 350_000_000, D(2027, 4, 12), "open"),
    N(9, "위험물 저장소 가스 누출 감지 및 자동 차단", "인화성 용제 저장 탱크 6기와 위험물 창고에 가스 감지기가 2곳에만 설치되어 있습니다. 감지기 12개를 추가하고 누출 시 자동 차단 밸브와 경보를 연동하고자 합니다. 야간 근무자 2명도 즉시 알림을 받을 수 있어야 합니다.", "safety", "basic", 40_000_000, D(2027, 3, 8), "withdrawn"),
    N(10, "BOM 기반 생산·구매·재고 통합 ERP 도입", "포장기계를 연 60대 수주 생산하며 부품 약 4,000종을 관리합니다. 영업·구매·생산 정보가 엑셀로 흩어져 있어 부품 결품으로 조립이 멈추는 일이 월 5회 이상 발생합니다. BOM 기반 자재소요계획(MRP)이 가능한 중소기업용 ERP를 도입하고 싶습니다.", "erp", "basic", 75_000_000, D(2027, 1, 18), "open"),
    N(10, "조립 라인 작업지시 태블릿 전환", "조립 작업자 14명이 종이 도면과 작업지시서로 일합니다. 태블릿으로 작업지시·도면·체크리스트를 확인하고 공정 완료를 입력하는 간단한 MES를 원합니다. 대당 조립 시간 기록으로 원가 계산도 개선하고자 합니다.", "mes", "basic", 35_000_000, D(2027, 9, 6), "open"),
    # 창원: 경남정밀기계, 창원단조, 대한유압, 성산기어, 미래자동차부품
    N(11, "Digital twin for the gearbox assembly line", "Our gearbox assembly line in Changwon has 22 stations and builds about 180 reducers a day for construction machinery. Balancing the line for a new model takes six weeks of trial runs and roughly ₩40M in overtime. We want a digital twin linked to our MES that simulates cycle times and buffer sizes before each changeover, targeting a 15% increase in throughput.", "digital_twin", "advanced2", 620_000_000, D(2027, 5, 3), "open"),
    N(11, "CNC 복합가공기 공구 수명 예측", "CNC 복합가공기 26대에서 월 약 1,800개의 공구를 교체하는데 교체 주기를 경험에 의존하고 있습니다. 공구 파손으로 인한 가공 불량이 월 40건 정도 발생합니다. 주축 부하·진동 데이터를 수집해 공구 수명을 예측하고 교체 시점을 알려주는 시스템을 도입하고자 합니다.", "predictive_maintenance", "advanced1", 210_000_000, D(2027, 7, 5), "open"),
    N(12, "열간 단조 프레스 예지보전 시스템", "1,600톤·2,500톤 열간 단조 프레스 6대로 자동차 크랭크샤프트 소재를 2교대 생산합니다. 지난해 프레스 클러치·유압 계통 고장으로 라인이 총 74시간 멈췄습니다. 프레스 진동·유압·모터 전류를 수집해 고장 징후를 미리 알려주는 예지보전 시스템이 필요합니다.", "predictive_maintenance", "advanced1", 260_000_000, D(2027, 3, 22), "open"),
    N(12, "단조품 치수·랩 결함 3D 비전 전수검사", "트리밍 후 단조품의 치수와 접힘(랩) 결함을 작업자 4명이 샘플링 검사합니다. 불량 유출률이 0.8%로 고객사 목표(0.3%)를 넘고 있습니다. 3D 스캐너와 비전 검사로 전수 검사를 자동화하고자 합니다.", "vision_quality", "advanced1", 190_000_000, D(2027, 8, 16), "open"),
    N(13, "유압 실린더 조립·내압시험 공정 MES", "굴삭기용 유압 실린더를 월 2,500개 생산하며 조립 후 전수 내압 시험을 합니다. 시험 성적서를 종이로 관리해 고객사 추적 요청에 답하는 데 평균 2일이 걸립니다. 제품 시리얼 단위로 조립·시험 데이터를 자동 기록하는 MES를 원합니다.", "mes", "advanced1", 150_000_000, D(2027, 4, 19), "open"),
    N(13, "노후 전용 가공기 8대 PLC 리트로핏", "1990년대에 설치한 전용 가공기 8대의 PLC가 단종되어 부품 수급이 어렵습니다. 최신 PLC로 교체하면서 가동 상태와 생산 수량을 상위 시스템으로 보낼 수 있게 하려 합니다. 교체는 하계 휴무 기간 5일 안에 끝나야 합니다.", "plc_automation", "basic", 80_000_000, D(2027, 10, 4), "draft"),
    N(14, "기어 치형 측정 데이터 자동 수집 및 실시간 SPC", "감속기용 기어를 월 4만 개 생산하며 기어 측정기 3대로 치형·피치를 샘플 검사합니다. 측정 결과를 수기로 옮겨 적어 SPC 관리가 늦고, 열처리 변형에 따른 불량률이 1.9%입니다. 측정기 데이터를 자동 수집해 실시간 SPC와 이상 알림을 구현하려 합니다.", "vision_quality", "advanced1", 120_000_000, D(2027, 5, 17), "open"),
    N(14, "Cobot loading for eight gear hobbing machines", "Eight gear hobbing machines are loaded by hand, which takes four operators per shift across two shifts. We want two or three cobots with vision-guided picking to load blanks and unload gears. That would free operators for inspection and let us run an unmanned night shift.", "robots", "advanced1", 170_000_000, D(2027, 2, 8), "open"),
    N(15, "차체 프레스 14대 예지보전 시스템 구축", "완성차 1차 협력사로 차체 프레스 부품을 200~800톤 프레스 14대로 3교대 생산합니다. 돌발 고장으로 연간 약 120시간 라인이 멈춰 납품 지연 페널티가 발생하고 있습니다. 프레스 모터·베어링·클러치 상태를 상시 감시해 고장 전에 정비를 계획하는 시스템을 구축하고 있습니다.", "predictive_maintenance", "advanced2", 420_000_000, D(2027, 1, 4), "in_progress"),
    N(15, "Inline vision inspection of welds on body sub-assemblies", "Our 6 robotic spot- and arc-welding cells produce about 9,000 sub-assemblies a day. Weld inspection is manual sampling, and missed welds reached 180 ppm last year against a customer target of 50 ppm. We need inline vision inspection of weld positions and bead quality, with results stored against each part's serial number.", "vision_quality", "advanced1", 290_000_000, D(2027, 6, 21), "open"),
    # 남동: 인천정밀, 남동전자, 한일도금, 영신식품, 서해금형
    N(16, "정밀가공 공장 클라우드 MES 도입", "의료기기용 정밀 부품을 CNC 자동선반 20대로 주간 1교대 생산합니다. 작업지시와 실적을 화이트보드와 엑셀로 관리해 품번 200여 종의 납기 준수율이 87%에 머뭅니다. 초기 비용이 적은 클라우드 MES로 작업지시·실적·재고를 관리하고자 합니다.", "mes", "basic", 65_000_000, D(2027, 3, 8), "open"),
    N(16, "CNC 자동선반 야간 무인운전 모니터링", "야간에 자동선반 8대를 무인 운전하지만 설비가 멈춰도 다음 날 아침에야 알 수 있어 야간 가동률이 55%에 그칩니다. 설비 정지와 알람을 스마트폰으로 알려주는 모니터링 장치를 원합니다.", "iot_sensors", "basic", 42_000_000, D(2027, 9, 13), "open"),
    N(17, "SMT line traceability and MES upgrade", "We assemble PCBs for home appliances on 4 SMT lines in two shifts, about 1.2 million boards a year. Component lot traceability is kept on paper, and scoping a customer recall last year took 5 days. We want an MES upgrade that links feeders, reflow profiles and AOI results to each board's serial number.", "mes", "advanced1", 280_000_000, D(2027, 2, 15), "open"),
    N(17, "SMT AOI 가성불량 AI 재판정", "AOI 검사기 4대의 과검출(가성불량) 비율이 약 12%에 달해 재검사 인력 5명이 매일 수천 건을 육안으로 확인합니다. AOI 이미지를 AI로 재판정해 가성불량을 절반 이하로 줄이고 싶습니다. 진성불량 유출은 현재 수준(20ppm 이하)을 유지해야 합니다.", "ai_analytics", "advanced1", 160_000_000, D(2027, 7, 12), "open"),
    N(18, "도금 정류기·폐수처리 전력 통합 모니터링 (FEMS)", "크롬·니켈 도금 라인 2개를 운영하며 월 전기요금이 약 2,600만 원, 폐수 처리비가 약 900만 원입니다. 정류기와 폐수처리 설비의 전력·유량을 실시간 계측해 에너지와 용수 사용을 함께 줄이고자 합니다.", "fems", "basic", 52_000_000, D(2027, 4, 26), "open"),
    N(18, "도금조 국소배기·유해가스 안전 모니터링", "도금조 주변 작업자 9명이 크롬산 미스트에 노출될 수 있어 국소배기 성능 관리가 중요합니다. 배기 풍속과 유해가스 농도를 상시 측정하고 기준을 넘으면 경보하는 시스템이 필요합니다. 측정 기록은 작업환경측정 자료로도 쓰고자 합니다.", "safety", "basic", 33_000_000, D(2027, 8, 23), "open"),
    N(19, "식품 공장 냉장·냉동 창고 WMS 및 선입선출", "냉장·냉동 창고 3동(약 2,400팔레트)에서 원부자재와 완제품을 관리합니다. 유통기한 관리를 수기로 하여 연간 폐기 손실이 약 1억 2천만 원입니다. 바코드·PDA 기반 WMS로 로트·유통기한별 선입선출과 HACCP 이력 관리를 구현하고자 합니다.", "logistics_wms", "advanced1", 230_000_000, D(2027, 3, 29), "open"),
    N(19, "Palletising cobots at the end of the noodle packing lines", "Three packing lines end in manual palletising, where six workers lift about 14 tonnes of boxes per shift. Two of them had back injuries last year. We want two palletising cobots that switch between our 35 box formats in under 10 minutes.", "robots", "advanced1", 150_000_000, D(2027, 5, 24), "open"),
    N(20, "소규모 프레스 금형업체 공정·원가 관리 시스템", "직원 16명의 프레스 금형 제작업체로 연간 약 40벌을 제작합니다. 금형별 투입 시간과 외주비를 집계하지 못해 견적 대비 실제 원가 차이가 최대 25%까지 납니다. 금형별 공정 진척과 원가를 관리하는 간단한 시스템을 도입하고 싶습니다.", "erp", "basic", 30_000_000, D(2027, 2, 1), "open"),
    N(20, "와이어컷·방전가공기 가동 모니터링", "와이어컷 4대와 방전가공기 3대를 야간에 무인 가공하지만 단선이나 정지 시 대응이 늦어 납기가 밀립니다. 설비 상태를 모바일로 확인하고 알림을 받는 시스템이 필요합니다.", "iot_sensors", "basic", 32_000_000, D(2027, 10, 11), "open"),
    # 구미: 구미전자, 금오정밀, 대진사출, 선산화학, 한국광학부품
    N(21, "Digital twin of the final assembly and test lines", "We assemble network equipment on 3 final-assembly lines with 48 test stations. When the product mix changes each week, test-station bottlenecks cut output by about 18%. We want a digital twin fed by MES and test data to plan the mix and staffing before each week starts.", "digital_twin", "advanced2", 560_000_000, D(2027, 4, 5), "open"),
    N(21, "클린룸 환경·설비 통합 모니터링", "카메라 모듈 조립 클린룸(클래스 1,000) 2개 구역의 온습도·파티클·차압을 수작업으로 기록하고 있습니다. 환경 이탈로 인한 이물 불량이 0.6% 발생합니다. 센서 60여 개로 환경과 설비 상태를 실시간 수집하고 이탈 시 자동 경보하는 체계를 구축하고 있습니다.", "iot_sensors", "advanced1", 200_000_000, D(2027, 1, 25), "in_progress"),
    N(22, "정밀 가공품 3차원 측정 데이터 품질관리", "반도체 장비용 정밀 부품을 월 6,000개 가공하며 3차원 측정기 2대로 검사합니다. 측정 결과가 PDF로만 남아 불량 원인 분석에 쓰지 못하고 있고 공정 불량률은 2.7%입니다. 측정 데이터를 자동 수집해 품번별 SPC와 성적서 자동 발행을 하려고 합니다.", "vision_quality", "basic", 70_000_000, D(2027, 6, 1), "open"),
    N(22, "머시닝센터 28대 가공 공장 기초 MES 구축", "머시닝센터 18대와 CNC 선반 10대를 2교대로 운영합니다. 작업지시와 실적을 엑셀로 관리해 공정 재공을 파악하기 어렵고 납기 준수율이 82%입니다. 기초 수준 MES로 작업지시·실적·설비 가동을 관리하고자 합니다.", "mes", "basic", 90_000_000, D(2027, 3, 15), "open"),
    N(23, "Injection-moulding MES for 28 machines", "We mould TV and monitor housings on 28 injection machines (100–650 t) across three shifts. Production counts, mould changes and defects are recorded on paper, and our process defect rate is around 3.5%. We want an injection-moulding MES that reads cycle data from every machine over Euromap 63/77 and tracks lots from resin to shipment.", "mes", "advanced1", 220_000_000, D(2027, 2, 22), "open"),
    N(23, "사출 후공정(취출·게이트 절단·적재) 협동로봇 도입", "사출기 10대에서 성형품 취출 후 게이트 절단과 적재를 작업자가 하고 있습니다. 야간조 인력을 구하기 어려워 야간 가동률이 60%에 머뭅니다. 협동로봇 4대로 후공정을 자동화하려 합니다.", "robots", "advanced1", 130_000_000, D(2027, 7, 19), "open"),
    N(24, "반응기 온도·압력 이상 징후 조기 감지 AI", "전자재료용 고순도 약품을 반응기 8기에서 생산합니다. 반응 온도 이탈로 인한 배치 불량이 연 20여 건, 손실은 약 3억 원에 이릅니다. DCS에 쌓인 3년치 공정 데이터로 이상 징후를 조기에 감지하는 AI 모델을 도입하고자 합니다.", "ai_analytics", "advanced1", 170_000_000, D(2027, 5, 10), "open"),
    N(24, "유해화학물질 취급시설 통합 안전 관제", "유해화학물질 취급시설 3곳에 가스 감지기와 CCTV가 분산되어 있어 통합 관제가 되지 않습니다. 감지기 24개와 비상 차단 밸브를 한 화면에서 관제하는 안전 모니터링 체계를 구축하려 합니다.", "safety", "basic", 60_000_000, D(2027, 11, 1), "draft"),
    N(25, "광학 렌즈 부품 외관 검사 자동화", "직원 12명이 CCTV·차량용 렌즈 부품을 월 30만 개 생산하며 스크래치·이물 검사를 현미경으로 육안 판정합니다. 검사 인력 4명이 전체 인력의 3분의 1을 차지합니다. 소형 비전 검사기로 검사 시간을 절반으로 줄이고 싶습니다.", "vision_quality", "basic", 48_000_000, D(2027, 4, 19), "open"),
    N(25, "주문·생산·출하 관리 엑셀 대체 시스템", "주문·생산·출하를 엑셀 파일 5개로 관리해 중복 입력과 누락이 잦습니다. 월 400여 건의 주문을 처리할 수 있는 소규모 기업용 클라우드 생산관리 서비스를 도입하고자 합니다.", "mes", "basic", 30_000_000, D(2027, 6, 7), "withdrawn"),
    # 울산·미포: 울산용접기술, 태화주조, 동해열처리, 현성오토텍, 미포선박기자재
    N(26, "Weld seam vision inspection for pressure-vessel nozzles", "We weld nozzles and flanges for petrochemical pressure vessels, about 3,500 welds a month on 5 SAW and TIG stations. Visual inspection misses undercut and porosity that later fail radiographic testing, causing about 4% rework. We want laser-vision seam tracking and bead inspection on our two busiest stations.", "vision_quality", "advanced1", 180_000_000, D(2027, 3, 1), "open"),
    N(26, "용접기 22대 전류·전압 데이터 수집 및 용접 이력", "용접기 22대의 전류·전압·와이어 송급 속도를 기록하지 않아 조선·플랜트 고객사 품질 감사 때 용접 조건을 증빙하기 어렵습니다. 용접기별 조건을 자동 수집해 제품 번호별 용접 이력을 남기고자 합니다.", "iot_sensors", "basic", 65_000_000, D(2027, 7, 26), "open"),
    N(27, "주물 결함 AI 예측 및 주조 조건 관리", "선박·산업기계용 회주철·구상흑연주철 주물을 월 900톤 생산합니다. 수축공·가스 결함으로 인한 불량률이 5.5%이고 후공정 가공 중에 발견되는 경우가 많습니다. 용탕 온도·성분과 주형 수분 데이터를 수집해 결함을 예측하는 AI 모델과 조건 관리 체계를 구축하려 합니다.", "ai_analytics", "advanced1", 250_000_000, D(2027, 4, 26), "open"),
    N(27, "주조 공장 생산관리 기초 MES 도입", "스마트공장 미도입 상태로 조형·용해·주입·후처리 공정 실적을 작업일보로 관리합니다. 월 약 300건의 주문 진척을 파악하기 어려워 납기 준수율이 78%입니다. 주조 공정에 맞는 기초 MES를 도입하고자 합니다.", "mes", "basic", 95_000_000, D(2027, 2, 15), "open"),
    N(28, "열처리로 온도 기록 자동화 (AMS2750·CQI-9 대응)", "진공·조질 열처리로 5기를 운영하며 AMS2750·CQI-9 대응을 위해 온도 기록을 보관해야 합니다. 지금은 종이 기록계를 써서 이력 검색에 시간이 많이 듭니다. 로별 온도 데이터를 자동 저장하고 LOT 단위로 조회하는 시스템이 필요합니다.", "iot_sensors", "basic", 58_000_000, D(2027, 3, 15), "open"),
    N(28, "침탄로 주변 가스·고온 구역 작업 안전 센서", "침탄로 주변의 암모니아·일산화탄소 가스와 고온 작업 구역에서 작업자 안전 관리가 필요합니다. 가스 감지기 10개와 작업자 접근 감지 센서를 설치해 위험 시 경보와 설비 정지를 연동하고자 합니다.", "safety", "basic", 36_000_000, D(2027, 9, 20), "open"),
    N(29, "시트 프레임 조립라인 디지털 트윈", "완성차 공장에 시트 프레임을 직서열(JIS)로 납품하며 조립 라인 4개와 용접 로봇 64대를 운영합니다. 신차종 투입 시 라인 밸런싱에 약 8주가 걸리고 초기 가동률이 70%대에 머뭅니다. 설비·로봇 데이터와 연동된 디지털 트윈으로 사전 시뮬레이션해 양산 안정화 기간을 절반으로 줄이고자 합니다.", "digital_twin", "advanced2", 750_000_000, D(2027, 5, 3), "open"),
    N(29, "Plant-wide PLC retrofit and OPC UA data layer", "Our 2008-era press and welding lines run on 46 PLCs from three vendors, several of them discontinued. We need a staged retrofit to current PLCs and an OPC UA data layer so that MES and energy data come from one source. The work has to fit into the summer and winter shutdowns.", "plc_automation", "advanced2", 380_000_000, D(2027, 1, 11), "closed"),
    N(30, "Smart safety sensors for the block-fitting shop", "About 60 workers fit and weld marine equipment in a shop with 4 overhead cranes and confined-space work inside tanks. We had 3 lost-time injuries last year. We want wearable and zone sensors for crane proximity and gas levels in confined spaces, with alarms to supervisors.", "safety", "advanced1", 140_000_000, D(2027, 2, 8), "open"),
    N(30, "호선별 자재·생산 관리 ERP와 현장 MES 연계", "선박용 밸브·배관 기자재를 호선 단위로 수주 생산하며 연간 약 150개 프로젝트를 수행합니다. 자재 품목이 2만여 종이고 설계 변경이 잦아 결품과 과잉재고가 동시에 발생합니다. 호선별 BOM·구매·생산 진척을 관리하는 ERP와 현장 MES 연계를 원합니다.", "erp", "advanced1", 310_000_000, D(2027, 6, 14), "open"),
)

# Two solutions per supplier, in the order of demo_data.SUPPLIERS.
SOLUTIONS = (
    S(1, "사출성형 특화 클라우드 MES (SmartWorks MES for Injection)", "사출기 1,200대 이상에 적용된 사출성형 전용 MES입니다. Euromap 63/77·OPC UA로 성형조건(온도·압력·사이클타임)을 자동 수집하고 금형 타수 관리, LOT 추적, 불량 집계를 제공합니다. 도입 고객의 공정 불량률이 평균 38% 줄었고 구축 기간은 3~5개월입니다.", ("mes", "iot_sensors", "cloud_data"), 60_000_000, 280_000_000, ("basic", "advanced1"), (), 142, "세진플라텍(주), 동아사출(주), 한성몰드텍", "active"),
    S(1, "가공·조립 공장 표준 MES (SmartWorks MES Standard)", "작업지시, 생산실적, 설비 가동, 품질 검사를 하나로 관리하는 가공·조립 공장용 표준 MES입니다. CNC(FOCAS)·PLC 연동 어댑터 40여 종을 기본 제공하며 태블릿 현장 화면으로 종이 작업일보를 대체합니다. 기초부터 고도화2 단계까지 모듈을 나눠 도입할 수 있습니다.", ("mes",), 45_000_000, 420_000_000, ("basic", "advanced1", "advanced2"), ("seoul", "gyeonggi", "incheon"), 87, "대원정공(주), 경인하이텍, 삼화정밀(주)", "active"),
    S(2, "AI 비전 용접 비드 검사 (VisionITech WeldEye)", "딥러닝 비전으로 용접 비드의 폭·길이·언더컷·기공·스패터를 판정하는 인라인 검사 시스템입니다. 아크·스폿·레이저 용접을 지원하고 검사 결과를 부품 시리얼별로 저장합니다. 불량 유출을 평균 70% 줄였으며 택트타임 2초 이내로 검사합니다.", ("vision_quality", "ai_analytics"), 70_000_000, 250_000_000, ("basic", "advanced1"), (), 58, "대경오토(주), 한라스틸텍, 신영용접(주)", "active"),
    S(2, "사출·프레스 부품 외관 비전검사기 (VI-Eye 300)", "사출·프레스 부품의 흑점, 은줄, 미성형, 찍힘, 버(burr)를 검사하는 라인 끝단형 외관 검사기입니다. 카메라 최대 6대와 조명 모듈을 제품에 맞게 구성하며 분당 최대 120개를 검사합니다. 신규 품번 등록은 양품 이미지 50장으로 가능합니다.", ("vision_quality",), 40_000_000, 150_000_000, ("basic", "advanced1"), ("gyeonggi", "incheon", "seoul"), 112, "(주)우성플라스틱, 대명프레스, 한국몰드(주)", "active"),
    S(3, "팔레타이징 로봇 패키지 (KRS Palletizer)", "박스·포대 적재용 산업용 로봇과 안전 펜스, 적재 패턴 설정 소프트웨어를 묶은 팔레타이징 패키지입니다. 시간당 최대 900박스를 적재하며 패턴 변경은 터치 화면에서 5분 이내에 끝납니다. 식품·화학·물류 공장에 74개 라인을 구축했습니다.", ("robots", "logistics_wms"), 90_000_000, 260_000_000, ("basic", "advanced1"), (), 74, "(주)해오름식품, 대한포장, 우리케미칼(주)", "active"),
    S(3, "아크·스폿 용접 로봇 셀 턴키 구축", "자동차·건설장비 부품용 아크·스폿 용접 로봇 셀을 설계부터 설치, 티칭, 양산 안정화까지 일괄 구축합니다. 포지셔너·지그·용접 전원 연동과 OPC UA 데이터 수집을 기본으로 포함합니다. 셀당 생산성은 수작업 대비 평균 2.3배입니다.", ("robots", "plc_automation"), 150_000_000, 600_000_000, ("advanced1", "advanced2"), (), 39, "동진오토(주), 대한중기(주), 세광로보텍", "active"),
    S(4, "FEMS 에너지 모니터링 (도금·열처리)", "도금 정류기, 열처리로, 건조로 등 에너지 다소비 설비에 전력·가스 계측기를 설치하고 설비별 원단위를 실시간으로 보여주는 FEMS입니다. 피크 전력 예측과 경보, 월간 에너지 보고서를 제공합니다. 도입 고객의 에너지 비용이 평균 11% 줄었습니다.", ("fems", "iot_sensors"), 35_000_000, 180_000_000, ("basic", "advanced1"), (), 96, "경기표면처리(주), 한양도금, 대성열처리(주)", "active"),
    S(4, "피크 전력 제어 및 ESS 연계 에너지관리 (EnergyBridge Peak)", "AI 수요 예측으로 피크 시간대 설비 가동을 조정하고 ESS 충방전을 연계해 계약전력과 기본요금을 낮추는 에너지관리 솔루션입니다. 용해로·압축기·냉동기처럼 부하가 큰 설비에 효과적입니다. 평균 피크 전력 18% 감축 실적이 있습니다.", ("fems", "ai_analytics"), 120_000_000, 450_000_000, ("advanced1", "advanced2"), (), 21, "동양주물(주), 서해냉동, 신라금속(주)", "active"),
    S(5, "열처리로 IoT 온도·분위기 센서 키트", "열처리로 1기당 열전대 최대 12점과 카본 포텐셜·산소 센서, 가스 유량계를 무선 게이트웨이로 수집하는 센서 키트입니다. LOT별 열처리 이력과 CQI-9·AMS2750 양식 보고서를 자동 생성합니다. 설치는 로 1기당 하루면 끝납니다.", ("iot_sensors",), 30_000_000, 120_000_000, ("basic", "advanced1"), ("daegu", "gyeongbuk", "gyeongnam", "ulsan"), 133, "대구열처리(주), 영남금속, 한성히트(주)", "active"),
    S(5, "무선 진동·온도 센서 설비 모니터링 (ST-Wave)", "배터리로 5년간 동작하는 무선 진동·온도 센서를 모터, 펌프, 감속기에 부착해 설비 상태를 감시합니다. 설비 1대당 센서 설치 시간은 10분이며 이상 진동 시 모바일로 알림을 보냅니다. 예지보전 도입 전 단계로 적합합니다.", ("iot_sensors", "predictive_maintenance"), 25_000_000, 90_000_000, ("basic",), (), 210, "(주)성서기계, 달성펌프, 경북유압(주)", "active"),
    S(6, "중소 제조기업 통합 ERP (FactoryOne ERP)", "영업, 구매, 자재, 생산, 원가, 회계를 하나로 관리하는 중소 제조기업용 ERP입니다. BOM 기반 MRP와 금형·가공 업종용 프로젝트 원가 모듈을 제공합니다. 356개 기업이 사용 중이며 표준 구축 기간은 4개월입니다.", ("erp",), 30_000_000, 150_000_000, ("basic", "advanced1"), (), 356, "세화금형(주), 한국포장기계, 대륙정밀(주)", "active"),
    S(6, "ERP·MES 연계 고도화 패키지", "FactoryOne ERP와 MES를 실시간으로 연계해 수주부터 출하까지 계획·실적·원가를 하나의 데이터로 관리하는 고도화 패키지입니다. 생산계획(APS)과 경영 대시보드를 포함합니다. 고도화1·2 단계 스마트공장 사업에 맞춰 설계했습니다.", ("erp", "mes", "cloud_data"), 200_000_000, 700_000_000, ("advanced1", "advanced2"), (), 45, "(주)동방정공, 삼진기계, 한국밸브(주)", "active"),
    S(7, "노후 PLC 리트로핏 및 OPC UA 게이트웨이", "단종된 PLC를 최신 기종으로 교체하면서 기존 래더 로직을 이전하고 OPC UA 게이트웨이로 설비 데이터를 상위 시스템에 연결합니다. 휴무 기간 내 교체를 위한 사전 시뮬레이션과 병행 운전을 지원합니다. 미쓰비시·지멘스·LS·옴론 기종을 다룹니다.", ("plc_automation", "iot_sensors"), 40_000_000, 350_000_000, ("basic", "advanced1", "advanced2"), ("busan", "gyeongnam", "ulsan"), 88, "녹산정밀(주), 부경산업, 대양기계(주)", "active"),
    S(7, "프레스 라인 자동화 제어반 구축", "프레스 라인의 이송 장치, 안전 인터록, 금형 교환 장치를 통합 제어하는 제어반을 설계·제작합니다. 2024년부터 리트로핏 서비스로 통합되어 신규 계약은 받지 않습니다.", ("plc_automation",), 80_000_000, 300_000_000, ("advanced1",), ("busan", "gyeongnam", "ulsan", "daegu"), 27, "신평프레스(주), 동남금속", "archived"),
    S(8, "프레스 예지보전 솔루션 (PredictLab Press)", "프레스의 모터 전류, 진동, 유압, 클러치 상태를 수집해 고장 징후를 최대 2주 전에 알려주는 예지보전 솔루션입니다. 200~2,500톤 기계식·유압식 프레스에 적용했으며 돌발 정지가 평균 62% 줄었습니다. 정비 이력과 연계한 정비 계획 화면을 제공합니다.", ("predictive_maintenance", "ai_analytics"), 90_000_000, 420_000_000, ("advanced1", "advanced2"), (), 46, "대림프레스(주), 우신오토, 한일단조(주)", "active"),
    S(8, "CNC 공구 수명 예측 클라우드 서비스", "CNC 주축 부하와 진동 데이터로 공구 마모를 추정해 교체 시점을 알려주는 구독형 서비스입니다. 설비 1대당 어댑터 설치만으로 시작할 수 있으며 공구 비용을 평균 15% 줄였습니다.", ("predictive_maintenance", "cloud_data"), 30_000_000, 110_000_000, ("basic", "advanced1"), (), 64, "화성정밀(주), 신영툴링, 동일가공", "active"),
    S(9, "조립 라인 디지털 트윈 (TwinSpace Line)", "MES·PLC 데이터와 연동되는 조립 라인 디지털 트윈으로 사이클타임, 버퍼, 인력 배치를 시뮬레이션합니다. 신차종·신모델 투입 전 라인 밸런싱을 가상으로 검증해 시운전 기간을 평균 45% 줄였습니다. 3D 공장 모델은 기존 CAD 도면으로 만듭니다.", ("digital_twin",), 250_000_000, 800_000_000, ("advanced2",), (), 14, "(주)한결오토, 대한기어, 서진전장(주)", "active"),
    S(9, "공장 레이아웃·물류 흐름 시뮬레이션 컨설팅", "공장 신·증설이나 라인 재배치 전에 설비 배치와 물류 흐름을 시뮬레이션해 병목과 동선을 진단하는 컨설팅입니다. 8~12주 과정으로 개선안과 투자 효과를 함께 제시합니다.", ("digital_twin", "consulting"), 40_000_000, 150_000_000, ("basic", "advanced1"), (), 31, "미래식품(주), 경인물산, 한솔부품", "active"),
    S(10, "CNC·사출 머신텐딩 로봇 자동화 셀", "CNC 가공기와 사출기의 소재 공급·취출·적재를 로봇으로 자동화하는 셀입니다. 비전 기반 소재 인식과 팔레트 매거진으로 최대 8시간 무인 운전이 가능합니다. 대구·경북·경남 지역에 67개 셀을 설치했습니다.", ("robots", "plc_automation"), 80_000_000, 300_000_000, ("basic", "advanced1"), ("daegu", "gyeongbuk", "gyeongnam", "busan", "ulsan"), 67, "성서정밀(주), 구미하이텍, 대구기어(주)", "active"),
    S(10, "자동차 부품 조립 자동화 라인 설계·제작", "자동차 부품 조립 라인을 설계부터 제작, 설치, 양산 안정화까지 일괄 공급합니다. 압입, 체결, 누설 시험, 레이저 마킹 공정을 표준 모듈로 구성하고 공정 데이터를 MES로 전송합니다.", ("plc_automation", "robots"), 300_000_000, 800_000_000, ("advanced2",), ("daegu", "gyeongbuk", "gyeongnam", "ulsan"), 19, "(주)대구오토파츠, 경산정공, 영천모터스(주)", "active"),
    S(11, "스마트 안전 센서·작업자 접근 감지 (SafeZone)", "UWB 태그와 레이더 센서로 크레인, 지게차, 프레스 주변 위험 구역에 작업자가 접근하면 경보하고 설비를 감속·정지시킵니다. 중대재해처벌법 대응을 위한 위험 이력 보고서를 제공합니다.", ("safety", "iot_sensors"), 30_000_000, 140_000_000, ("basic", "advanced1"), (), 121, "부산조선기자재(주), 동아스틸, 한국크레인(주)", "active"),
    S(11, "유해가스·밀폐공간 통합 안전 관제", "유해가스 감지기, 밀폐공간 산소농도계, CCTV를 하나의 관제 화면으로 통합하고 기준 초과 시 차단 밸브와 경보를 자동으로 작동시킵니다. 화학·도금·조선 업종의 작업환경 기록 관리를 지원합니다.", ("safety",), 35_000_000, 200_000_000, ("basic", "advanced1"), ("busan", "ulsan", "gyeongnam", "jeonnam"), 54, "울산케미칼(주), 여수화성, 남해도금(주)", "active"),
    S(12, "식품·제조 공장 WMS (LogiSmart WMS)", "바코드·PDA 기반으로 입고, 적치, 피킹, 출고를 관리하는 창고관리시스템입니다. 로트·유통기한별 선입선출과 HACCP 이력 관리를 지원하며 냉장·냉동 창고 운영 경험이 많습니다. 재고 정확도가 평균 99.5%로 올라갔습니다.", ("logistics_wms",), 50_000_000, 250_000_000, ("basic", "advanced1"), (), 92, "(주)하나식품, 청정F&B, 대한제과(주)", "active"),
    S(12, "자동 컨베이어·소터 물류 자동화", "생산 라인과 창고를 잇는 컨베이어, 자동 분류기(소터), 랩핑기를 설계·설치하고 WMS와 연동합니다. 시간당 최대 3,000박스를 처리합니다.", ("logistics_wms", "plc_automation"), 150_000_000, 600_000_000, ("advanced1", "advanced2"), ("gyeonggi", "incheon", "chungbuk", "chungnam"), 23, "(주)오성물류, 경기식품, 한국제지(주)", "active"),
    S(13, "주조·사출 공정 불량 예측 AI (AIF Predict)", "주조·사출 공정의 설비 데이터(샷 프로파일, 금형 온도, 용탕 온도 등)로 불량을 예측하고 원인 변수를 설명하는 AI 분석 솔루션입니다. 데이터 수집 3개월 후 모델을 현장에 적용하며 불량률을 평균 35% 줄였습니다.", ("ai_analytics",), 80_000_000, 400_000_000, ("advanced1", "advanced2"), (), 29, "대한다이캐스팅(주), 경남주철, 한성플라텍(주)", "active"),
    S(13, "AOI 가성불량 AI 재판정", "SMT AOI 검사기의 불량 판정 이미지를 AI로 재판정해 가성불량을 걸러냅니다. 주요 AOI 장비와 연동되며 가성불량을 평균 65% 줄였습니다.", ("ai_analytics", "vision_quality"), 60_000_000, 200_000_000, ("basic", "advanced1"), (), 37, "(주)인천전자, 삼일PCB, 동해전기(주)", "active"),
    S(14, "3차원 측정·SPC 품질 데이터 자동 수집", "3차원 측정기, 기어 측정기, 하이트게이지 등의 측정 데이터를 자동으로 수집해 품번별 SPC 차트와 성적서를 발행합니다. 관리 한계 이탈 시 담당자에게 즉시 알립니다.", ("vision_quality", "iot_sensors"), 30_000_000, 130_000_000, ("basic", "advanced1"), (), 148, "(주)한국정밀측정, 동신기어, 삼성정공(주)", "active"),
    S(14, "클린룸 환경 모니터링 시스템", "클린룸의 파티클, 온습도, 차압을 연속 측정하고 기준 이탈 시 경보하는 시스템입니다. 후속 제품(클린룸 통합 관제 플랫폼)으로 대체되어 판매를 종료했습니다.", ("iot_sensors",), 40_000_000, 200_000_000, ("basic", "advanced1"), ("gyeonggi", "gyeongbuk", "chungbuk"), 76, "구미광학(주), 오송바이오텍", "archived"),
    S(15, "용접용 협동로봇 셀 (Cobot Weld)", "협동로봇과 용접 전원, 토치, 작업대를 묶은 이동형 용접 셀입니다. 직접 교시로 신규 품번을 30분 안에 등록할 수 있어 소량 다품종 용접에 적합합니다. 안전 펜스 없이 작업자와 함께 일할 수 있습니다.", ("robots",), 55_000_000, 160_000_000, ("basic", "advanced1"), (), 103, "(주)대성브라켓, 달서용접, 경북철구(주)", "active"),
    S(15, "협동로봇 팔레타이저 (Cobot Palletizer)", "포장 라인 끝단의 박스 적재를 협동로봇으로 자동화합니다. 설치 공간이 2m×2m이면 충분하고 적재 패턴은 태블릿에서 바꿀 수 있습니다. 식품·화장품 공장에서 작업자 근골격계 부담을 줄이는 데 많이 쓰입니다.", ("robots", "logistics_wms"), 60_000_000, 140_000_000, ("basic", "advanced1"), (), 88, "(주)청우식품, 한빛제약, 대구음료(주)", "active"),
    S(16, "소기업용 구독형 클라우드 MES (CloudMES Lite)", "작업지시, 생산실적, 재고, 출하를 웹과 모바일로 관리하는 소기업용 클라우드 MES입니다. 구축비가 낮고 월 구독료로 운영하며 엑셀 자료를 그대로 불러와 2주 안에 사용을 시작할 수 있습니다.", ("mes", "cloud_data"), 30_000_000, 90_000_000, ("basic",), (), 261, "부산정밀(주), 해운대식품, 사하금속", "active"),
    S(16, "금형·가공 업체용 클라우드 공정관리", "금형·가공 업체의 공정 진척과 원가를 관리하던 클라우드 서비스입니다. CloudMES Lite에 통합되어 신규 판매를 종료했습니다.", ("mes", "erp", "cloud_data"), 30_000_000, 70_000_000, ("basic",), ("busan", "gyeongnam", "ulsan", "daegu"), 47, "김해금형(주), 녹산몰드", "archived"),
    S(17, "FEMS 에너지 모니터링 (용해로·열처리로·정류기)", "용해로, 열처리로, 도금 정류기처럼 에너지를 많이 쓰는 설비의 전력·가스를 계측해 설비별 에너지 원단위와 피크를 관리하는 FEMS입니다. 에너지 사용량 보고서와 절감 효과 검증(M&V)을 지원합니다.", ("fems",), 40_000_000, 220_000_000, ("basic", "advanced1"), (), 84, "(주)경기주조, 평택열처리, 안산도금(주)", "active"),
    S(17, "에너지 효율화 진단 + FEMS 구축 패키지", "공장 에너지 진단으로 절감 기회를 찾은 뒤 FEMS 구축과 고효율 설비 교체 계획까지 한 번에 제공하는 패키지입니다. 진단은 4주, 구축은 3~6개월이 걸립니다.", ("fems", "consulting"), 50_000_000, 300_000_000, ("basic", "advanced1", "advanced2"), (), 41, "서해화학(주), 국제금속(주), 평택주물", "active"),
    S(18, "AI 비전 외관검사 (사출·도금·광학 부품)", "딥러닝 기반 외관 검사기로 사출품, 도금품, 광학 렌즈의 스크래치·이물·얼룩을 검사합니다. 양품 이미지만으로 학습하는 이상 탐지 모델을 써서 불량 샘플이 적은 공정에도 적용할 수 있습니다.", ("vision_quality", "ai_analytics"), 50_000_000, 220_000_000, ("basic", "advanced1"), (), 97, "(주)한영옵틱스, 세광도금, 대림플라스틱(주)", "active"),
    S(18, "3D 비전 단조·주조품 치수 검사", "3D 레이저 스캐너로 단조·주조품의 형상과 치수를 전수 측정하고 CAD와 비교해 판정합니다. 개당 측정 시간은 8초 이내입니다.", ("vision_quality",), 150_000_000, 450_000_000, ("advanced1", "advanced2"), (), 22, "(주)대한단조, 창원주강, 경남포징(주)", "active"),
    S(19, "PLC 리트로핏 (미쓰비시·지멘스·LS) 및 설비 데이터 연결", "노후 PLC와 HMI를 교체하고 설비 데이터를 MES·FEMS로 보내는 리트로핏 서비스입니다. 부산·경남·울산 지역에 상주 엔지니어 24명이 있어 휴무 기간 집중 공사가 가능합니다.", ("plc_automation", "iot_sensors"), 30_000_000, 250_000_000, ("basic", "advanced1"), ("busan", "gyeongnam", "ulsan"), 174, "(주)사상기계, 양산정공, 울산플랜트(주)", "active"),
    S(19, "공장 전체 OPC UA 데이터 레이어 구축", "여러 제조사의 PLC와 설비를 OPC UA 기반 데이터 레이어로 통합해 MES, FEMS, 분석 시스템이 같은 데이터를 쓰도록 합니다. 단계별 전환 계획과 보안 구성을 포함합니다.", ("plc_automation", "cloud_data"), 200_000_000, 700_000_000, ("advanced2",), ("busan", "gyeongnam", "ulsan", "daegu", "gyeongbuk"), 12, "(주)동남오토텍, 울산모듈(주), 창원특수금속", "active"),
    S(20, "제조 데이터 플랫폼 (DataFactory Hub)", "설비, MES, ERP, 품질 데이터를 한곳에 모아 정제하고 대시보드와 분석 환경을 제공하는 제조 데이터 플랫폼입니다. 중소기업 제조 데이터 표준 모델을 기본 제공합니다.", ("cloud_data", "ai_analytics"), 70_000_000, 350_000_000, ("advanced1", "advanced2"), (), 33, "(주)대구텍스, 경산산업, 한국섬유기계", "active"),
    S(20, "스마트공장 수준진단·도입 컨설팅", "스마트공장 수준 진단부터 도입 로드맵, 공급기업 선정, 사업계획서 작성까지 돕는 컨설팅입니다. 미도입·기초 수준 기업의 첫 사업 준비에 맞춰져 있습니다.", ("consulting",), 30_000_000, 60_000_000, ("basic",), ("daegu", "gyeongbuk"), 158, "달성섬유(주), 칠곡정밀, 영천산업", "active"),
)

# Sponsor programmes, by position in demo_data.SPONSORS. Open ones take applications on 2026-11-21
# and after; type 1 programmes pay at least 30 %, the type 2 one half of at most ₩20M (SPEC.md).
PROGRAMMES = (
    P(1, "스마트공장 상생형 지원사업 2027",
      "삼성전자가 출연하고 정부가 매칭하는 상생형 스마트공장 지원사업입니다. MES, 비전검사, IoT 센서 구축 비용의 30%를 삼성전자가 지원하고, 삼성전자 제조 전문가가 3~6개월간 현장에 상주해 멘토링합니다. 협력사가 아니어도 제조 중소기업이면 신청할 수 있습니다.",
      10_000_000_000, 120_000_000, 30, ("mes", "vision_quality", "iot_sensors"), (), (), ("basic", "advanced1"),
      D(2026, 11, 2), D(2027, 1, 29), True, "open"),
    P(1, "삼성 소기업 스마트공장 상생형 2유형 2027",
      "직원 50인 미만 소기업을 위한 상생형 2유형 사업입니다. 총 사업비 2,000만 원 이내에서 삼성전자와 정부가 절반씩 부담해 기업 부담이 없습니다. 클라우드 MES·ERP나 설비 모니터링처럼 작게 시작하는 첫 스마트공장에 맞춰져 있습니다.",
      2_000_000_000, 10_000_000, 50, ("mes", "erp", "cloud_data", "iot_sensors"), (), (), ("basic",),
      D(2026, 11, 16), D(2027, 3, 31), True, "open"),
    P(2, "포스코 상생형 스마트공장 (철강·뿌리)",
      "포스코가 철강 협력사와 주조·단조·열처리·표면처리 등 뿌리기업의 스마트화를 지원합니다. 용해로·열처리로 데이터 수집, AI 품질 예측, 예지보전, 에너지 절감 과제를 우선 선정하며 포스코 설비·품질 전문가가 멘토로 참여합니다.",
      3_000_000_000, 200_000_000, 30, ("iot_sensors", "ai_analytics", "predictive_maintenance", "fems"), ("24", "25"), ("gyeongbuk", "jeonnam", "ulsan", "gyeongnam"), ("advanced1", "advanced2"),
      D(2026, 10, 19), D(2027, 2, 26), True, "open"),
    P(3, "현대자동차 부품 협력사 상생형 스마트공장 2027",
      "현대자동차가 자동차 부품 협력사(2·3차 포함)의 품질·생산성 향상을 위해 비용의 40%를 지원합니다. 프레스·용접·사출 공정의 MES, 비전검사, 예지보전, 자동화 과제를 대상으로 하며 선정 기업에는 생산기술 전문위원이 배정됩니다.",
      5_000_000_000, 150_000_000, 40, ("mes", "vision_quality", "predictive_maintenance", "plc_automation", "robots"), ("30", "29", "22", "25"), ("ulsan", "gyeongnam"), ("advanced1", "advanced2"),
      D(2026, 11, 9), D(2027, 1, 15), True, "open"),
    P(4, "LG전자 협력사 스마트공장 구축 지원 2027",
      "LG전자가 전자부품·플라스틱 사출·전기장비 협력사의 스마트공장 구축을 지원합니다. 생산관리(MES), AI 비전검사, 자동화 로봇을 중심으로 사업비의 30%를 부담하며 LG전자 생산기술원의 구축 컨설팅이 함께 제공됩니다.",
      4_000_000_000, 120_000_000, 30, ("mes", "vision_quality", "ai_analytics", "robots"), ("26", "22", "28"), ("gyeongbuk", "gyeonggi", "incheon"), ("basic", "advanced1"),
      D(2026, 11, 1), D(2027, 2, 12), False, "open"),
    P(5, "한전 에너지효율 상생형 스마트공장 2027",
      "한국전력공사가 중소 제조기업의 에너지 효율화를 위해 FEMS와 에너지 데이터 수집 구축 비용의 30%를 지원합니다. 전력 다소비 업종(주조·도금·열처리 등)을 우대하며, 절감 효과는 사업 종료 후 12개월간 측정·보고해야 합니다.",
      3_000_000_000, 100_000_000, 30, ("fems", "iot_sensors"), (), (), ("basic", "advanced1"),
      D(2026, 11, 20), D(2027, 3, 19), False, "open"),
    P(5, "한전 에너지효율 상생형 스마트공장 2026",
      "2026년도 한전 에너지효율 상생형 사업으로, FEMS 구축 비용의 30%를 지원했습니다. 접수가 마감되어 선정 기업의 구축이 진행 중입니다.",
      2_500_000_000, 100_000_000, 30, ("fems",), (), (), ("basic", "advanced1"),
      D(2026, 2, 2), D(2026, 5, 29), False, "closed"),
    P(6, "두산 기계·장비 협력사 스마트공장 지원 2027",
      "두산에너빌리티가 기계·장비 및 금속가공 협력사의 예지보전, 디지털 트윈, 설비 자동화를 지원하는 프로그램입니다. 세부 요건을 확정하는 중이며 2027년 3월 공고 예정입니다.",
      2_000_000_000, 150_000_000, 30, ("predictive_maintenance", "digital_twin", "mes", "plc_automation"), ("29", "25", "24"), ("gyeongnam", "busan", "ulsan"), ("advanced1", "advanced2"),
      D(2027, 3, 2), D(2027, 5, 31), True, "draft"),
)
# fmt: on
