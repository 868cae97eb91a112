"""The demo mentors' profiles and engagements as data (mentors.py seeds them).

Profiles follow demo_data.MENTORS by position (1 is mentor@). Their expertise is written the way SMEs
write their needs — processes, defects, equipment — because the matching engine reads it against them.
Engagements name their need by SME position and title (listings_data.NEEDS) and their dates
relative to the day of seeding, so the dashboards look current whenever the demo is seeded.
"""

# One row per line reads as a table; wrapped by the formatter it would be hard to scan or compare.
# ruff: noqa: E501

from __future__ import annotations

from datetime import date
from typing import NamedTuple


class DemoProfile(NamedTuple):
    headline: str
    bio: str
    years_experience: int
    specialties: tuple[str, ...]
    expertise: str
    industries: tuple[str, ...]  # KSIC divisions
    regions: tuple[str, ...]
    languages: tuple[str, ...]
    capacity: int
    fee_terms: str | None
    verified: bool


class DemoLog(NamedTuple):
    days_ago: int
    hours: int
    topics: str
    advice: str
    next_steps: str
    confirmed: bool


class DemoEngagement(NamedTuple):
    mentor: int  # position in demo_data.MENTORS, from 1
    sme: int  # position in demo_data.SMES, from 1
    need_title: str
    status: str
    start_days_ago: int  # negative: starts in the future
    months: int
    message: str
    logs: tuple[DemoLog, ...]
    end_reason: str | None
    # (score the SME gave the mentor, its comment, score the mentor gave the SME, its comment)
    ratings: tuple[int, str, int, str] | None


AVAILABLE_FROM = date(2026, 3, 1)
STIPEND = "정부 지원 멘토링 수당 기준(일 25만 원), 교통·숙박 실비 별도"
P, L, E = DemoProfile, DemoLog, DemoEngagement

# fmt: off

PROFILES = (
    P("반도체·전자부품 공정제어와 SPC 28년 — 전 삼성전자 제조기술", "삼성전자 메모리·전자부품 사업장에서 28년간 공정제어와 제조기술을 맡았습니다. 라인 수율 개선 TF를 여러 차례 이끌었고 퇴직 후 협력사 스마트공장 구축을 돕고 있습니다.", 28, ("vision_quality", "ai_analytics", "iot_sensors"), "SPC 관리도(X-bar R, p 관리도)와 공정능력(Cpk) 관리 체계 구축, 설비 데이터 수집(SECS/GEM, OPC UA) 기반 실시간 공정 모니터링, 수율 분석과 불량 원인 추적(8D, FMEA), SMT 라인 리플로우 온도 프로파일 관리, AOI 가성불량 저감과 재판정 기준 수립, 클린룸 온습도·파티클·차압 관리, 카메라 모듈 조립 이물 불량 대책.", ("26", "27"), ("gyeonggi", "seoul", "incheon", "chungbuk"), ("ko", "en"), 2, STIPEND, True),
    P("차체 프레스·스폿 용접 생산기술 30년 — 전 현대자동차", "현대자동차 울산공장 차체·프레스 생산기술팀에서 30년간 신차 양산 준비와 라인 개선을 담당했습니다.", 30, ("robots", "predictive_maintenance", "digital_twin"), "차체 프레스(200~2,500톤 트랜스퍼·탠덤 라인) 금형 셋업과 SPM 향상, 금형 신속 교환(QDC), 스프링백·크랙·주름·버 불량 대책, 차체 스폿 용접 로봇 셀 티칭과 타점 품질 관리, 라인 밸런싱과 사이클타임 단축, 프레스 돌발 고장 분석과 예방정비 계획, 신차 양산 준비(P1~M 단계) 일정 관리.", ("30", "29", "25"), ("ulsan", "gyeongnam", "busan", "daegu"), ("ko",), 2, STIPEND, True),
    P("제철 설비 예지보전·진동 진단 30년 — 전 포스코 설비기술부", "포스코 포항제철소 압연·연주 설비의 보전 엔지니어로 30년을 일했습니다. TPM 추진 사무국장을 지냈습니다.", 30, ("predictive_maintenance", "iot_sensors"), "진동 분석(FFT, 엔벨로프)으로 베어링·감속기·주축 결함 조기 진단, 유압 시스템 누유·압력 저하 진단, 모터 전류 신호 분석(MCSA), 윤활 관리 기준 수립, 설비종합효율(OEE) 개선과 TPM, CMMS(설비보전 전산) 구축, 열간 단조 프레스 클러치·브레이크·유압 계통 점검, 스핀들 베어링 수명 관리.", ("24", "25", "29"), ("gyeongbuk", "ulsan", "jeonnam", "gyeongnam"), ("ko",), 2, STIPEND, True),
    P("가전 부품 품질보증·IATF 16949 대응 26년 — 전 LG전자 품질경영", "LG전자 구미·창원 사업장 품질경영 부서에서 협력사 품질 지도를 오래 맡았습니다.", 26, ("vision_quality", "consulting"), "수입검사·공정검사·출하검사 체계 설계, 불량 유출 방지(포카요케), 8D 리포트와 고객 클레임 대응, ISO 9001·IATF 16949 인증 심사 대응 지도 20여 건, 측정시스템분석(MSA, Gage R&R), 비전검사기 도입 시 판정 기준과 양품 한도 견본 설정, 사출품 외관 불량(흑점·은줄·웰드라인) 판정 기준, 3차원 측정 데이터 SPC.", ("26", "28", "22"), ("gyeongbuk", "gyeonggi", "seoul", "gwangju"), ("ko", "en"), 2, STIPEND, True),
    P("압력용기·발전설비 용접 32년 — 전 두산중공업 용접기술", "두산중공업 창원공장에서 발전설비와 압력용기 용접 기술을 32년간 맡았고 용접기술사입니다.", 32, ("robots", "vision_quality", "iot_sensors"), "WPS/PQR 작성과 용접사 자격 관리, 서브머지드 아크(SAW)·TIG·CO2 용접 조건 최적화, 기공·언더컷·융합불량·균열 원인 분석, 방사선투과시험(RT)·초음파(UT) 불합격 대책, 용접 변형 관리, 용접 로봇·협동로봇 용접 셀 도입, 레이저 비전 용접선 추적, 용접 전류·전압 모니터링과 제품별 용접 이력 관리.", ("25", "29", "31"), ("gyeongnam", "ulsan", "busan"), ("ko",), 2, STIPEND, True),
    P("사출·프레스 금형 설계와 유동해석 25년 — 전 한국기계연구원", "한국기계연구원에서 금형 설계와 성형 해석을 연구했고 중소 금형업체 기술지도를 100여 회 했습니다.", 25, ("plm_cad", "digital_twin", "consulting"), "사출금형 구조 설계(핫러너, 슬라이드, 냉각 채널), 몰드플로우 유동해석으로 미성형·웰드라인·휨 예측, 프레스 순차이송(프로그레시브) 금형 스트립 레이아웃, 금형 수명·마모 관리, NX·CATIA 설계 표준화와 도면 버전관리(PDM), 설계변경(ECO) 결재 절차, 금형별 공정 진척과 원가 집계.", ("29", "22", "25"), ("gyeonggi", "incheon", "chungnam"), ("ko",), 2, STIPEND, True),
    P("조선 자동화설비·PLC 리트로핏 27년 — 전 현대중공업", "현대중공업 생산기술연구소와 설비부에서 조선 자동화설비를 설계·운영했습니다.", 27, ("plc_automation", "robots", "safety"), "지멘스 S7·미쓰비시 Q 시리즈 PLC 래더 프로그래밍, 단종된 노후 PLC 리트로핏과 HMI 교체(휴무 기간 내 전환 계획), 블록 조립 용접 자동화, 갠트리 로봇·컨베이어 제어, OPC UA 게이트웨이로 설비 데이터 연결, 안전 인터록과 비상정지 회로 점검, 천장 크레인 충돌 방지와 밀폐공간 작업 안전.", ("31", "29", "25"), ("ulsan", "busan", "gyeongnam"), ("ko",), 2, STIPEND, True),
    P("석유화학·정밀화학 배치 공정과 공정안전 24년 — 전 LG화학", "LG화학 여수·대산 공장에서 공정 엔지니어와 생산팀장을 지냈습니다.", 24, ("mes", "safety", "ai_analytics"), "반응기 온도·압력 제어(DCS, PID 튜닝), 배치 레시피·칭량 관리와 전자저울 연동, 배합 불량과 로트 간 편차 저감, 공정안전관리(PSM)와 HAZOP, 유해화학물질 취급시설 가스 누출 감지·자동 차단, 배치별 품질 이력 추적, 반응 온도 이탈 이상 징후 조기 감지.", ("20", "22", "21"), ("chungnam", "jeonnam", "ulsan", "gyeonggi"), ("ko", "en"), 2, STIPEND, True),
    P("반도체 장비 유지보수·FDC 22년 — 전 SK하이닉스", "SK하이닉스 이천·청주 팹에서 식각·증착 장비 엔지니어로 일했습니다.", 22, ("predictive_maintenance", "iot_sensors"), "장비 알람·로그 분석으로 다운타임 저감, 진공펌프·RF 제너레이터 예지보전, FDC(고장 감지 및 분류) 도입, 클린룸 파티클·차압 관리, 소모 부품 교체 주기 최적화, 정밀 가공 부품 세정과 이물 불량 대책.", ("26", "29", "27"), ("gyeonggi", "chungbuk"), ("ko",), 1, STIPEND, True),
    P("자동차 도장·도금 표면처리 29년 — 전 기아 광주공장", "기아 광주공장 도장부와 협력사 표면처리 지도를 29년간 맡았습니다.", 29, ("fems", "iot_sensors", "vision_quality"), "전착도장·분체도장 라인 조건 관리, 도막 두께 편차·핀홀·흐름·오렌지필 불량 대책, 아연·니켈·크롬 도금액 농도·pH·온도 관리와 이탈 알림, 도금 밀착 불량·두께 불량 원인 분석, 정류기 전력 관리, 전처리(탈지·인산염) 공정, 폐수처리 설비 운영과 국소배기 관리.", ("30", "25", "28"), ("gwangju", "jeonnam", "gyeonggi", "incheon"), ("ko",), 2, STIPEND, True),
    P("2차전지 전극·조립 공정 수율 21년 — 전 삼성SDI", "삼성SDI 천안·울산 사업장에서 전극과 조립 공정 기술을 맡았습니다.", 21, ("mes", "vision_quality", "ai_analytics"), "전극 코팅·압연·슬리팅 공정의 두께·로딩량 편차 관리, 조립(스태킹·와인딩)과 화성 공정 수율 개선, 공정 데이터 기반 LOT 추적 MES, 이물·버(burr) 불량 검출 비전검사, 드라이룸 습도 관리, 공정 불량 파레토 분석.", ("28", "26", "20"), ("chungnam", "chungbuk", "gyeonggi", "ulsan"), ("ko", "en"), 2, STIPEND, True),
    P("다이캐스팅·주물 결함과 열처리 30년 — 전 한국생산기술연구원", "한국생산기술연구원 뿌리산업기술연구소에서 주조·열처리를 연구했고 현장 기술지원을 300여 건 했습니다.", 30, ("ai_analytics", "iot_sensors", "consulting"), "알루미늄 다이캐스팅 주조 방안(게이팅·오버플로우) 설계, 가스 기공·수축공·콜드셧 결함 원인 분석과 진공 다이캐스팅, 샷 프로파일·금형 온도 관리, 회주철·구상흑연주철 용탕 성분·접종 관리, 사형 수분·통기도 관리, 침탄·질화·담금질 열처리 조건과 경도 편차, 로내 온도 균일도(TUS)와 CQI-9·AMS2750 대응.", ("24", "25", "29"), ("gyeonggi", "incheon", "gyeongnam", "ulsan", "daegu"), ("ko", "ja"), 2, STIPEND, True),
    P("PLC·인버터 제어와 설비 데이터 수집 26년 — 전 LS산전", "LS산전(현 LS일렉트릭) 자동화사업부에서 제어 시스템을 설계하고 고객사 현장을 지원했습니다.", 26, ("plc_automation", "iot_sensors", "fems"), "LS XGT·미쓰비시·지멘스 PLC 프로그래밍과 노후 제어반 교체, 인버터 적용 모터 에너지 절감, 전용 가공기 자동화 제어 로직, Modbus·EtherNet/IP·OPC UA 통신, CNC·전용기 가동·비가동 데이터 수집, 전기 안전 점검.", ("28", "29"), ("gyeonggi", "chungbuk", "incheon", "seoul"), ("ko",), 2, STIPEND, True),
    P("식품 위생·HACCP과 포장 자동화 25년 — 전 CJ제일제당", "CJ제일제당 인천·진천 공장 품질팀장과 생산팀장을 지냈습니다.", 25, ("logistics_wms", "robots", "vision_quality"), "HACCP 중요관리점(CCP) 설정과 모니터링 기록 전산화, 살균·냉각 온도 기록 자동화, 냉장·냉동 창고 온도 관리와 유통기한 선입선출, 이물 혼입 방지(금속검출기·X-ray 검사기), 포장 라인 자동화와 팔레타이징 로봇, 원료 LOT 추적.", ("10", "11"), ("incheon", "gyeonggi", "chungbuk", "seoul"), ("ko",), 2, STIPEND, True),
    P("자동차 부품 사출성형 불량 개선 28년 — 전 현대모비스", "현대모비스 의왕·천안 공장에서 내·외장 사출 부품 생산기술을 맡았습니다.", 28, ("mes", "iot_sensors", "robots"), "150~1,300톤 사출기 성형조건(사출속도·보압·금형온도·냉각시간) 최적화, 미성형·싱크마크·플래시·웰드라인·은줄·흑점 불량 대책, 금형 온도 편차에 따른 치수 불량 관리, 사이클타임 단축, 원료 건조(PC·ABS·PA) 관리, 성형조건 자동 수집(Euromap 63/77)과 사출 MES, 취출 로봇·게이트 절단 자동화.", ("22", "30"), ("gyeonggi", "gyeongbuk", "chungnam", "ulsan"), ("ko",), 2, STIPEND, True),
    P("전자부품·광학 비전검사 23년 — 전 삼성전기", "삼성전기 수원·부산 사업장에서 검사 장비 개발과 품질 자동화를 맡았습니다.", 23, ("vision_quality", "ai_analytics"), "카메라·렌즈·조명 선정과 광학 설계, 스크래치·이물·크랙·찍힘 외관 검사 알고리즘, 딥러닝 이상탐지로 가성불량 저감, AOI 검사 조건 튜닝, 3D 측정(레이저 변위·구조광), 검사 택트타임 설계, 양품 한도 견본과 판정 기준 합의.", ("26", "27"), ("gyeonggi", "gyeongbuk", "busan", "seoul"), ("ko", "en"), 2, STIPEND, True),
    P("조선 자재 물류·WMS 24년 — 전 대우조선해양", "대우조선해양 거제 조선소에서 자재 관리와 물류 혁신을 담당했습니다.", 24, ("logistics_wms", "erp"), "호선별 자재 BOM과 소요계획, 바코드·RFID 입출고, 야드 적치 관리, WMS 구축과 재고 실사 차이 저감, 지게차·크레인 동선 최적화, 결품·과잉재고 분석.", ("31", "29", "10"), ("gyeongnam", "busan", "ulsan"), ("ko",), 2, STIPEND, False),
    P("MES·ERP 구축과 스마트공장 수준확인 22년 — 전 LG CNS", "LG CNS 제조 IT 사업부에서 MES·ERP 프로젝트 PM을 40여 건 수행했습니다.", 22, ("mes", "erp", "cloud_data", "consulting"), "작업지시·실적·재공·LOT 추적 MES 설계, 설비 인터페이스(PLC, CNC FOCAS, OPC UA), 기준정보(BOM·라우팅) 정비, ERP 연계와 MRP, 공급기업 선정과 RFP 작성, 스마트공장 수준확인 대응, 요구사항 정의와 테스트·안정화.", ("26", "29", "22", "25"), ("seoul", "gyeonggi", "incheon", "chungbuk", "gyeongbuk"), ("ko", "en"), 2, STIPEND, True),
    P("제조 에너지관리(FEMS)·피크 전력 20년 — 전 포스코ICT", "포스코ICT 에너지솔루션 사업에서 제철소와 중소 제조기업의 FEMS를 구축했습니다.", 20, ("fems", "iot_sensors", "ai_analytics"), "전력·LNG·압축공기 계측 설계와 설비별 에너지 원단위 관리, 피크 전력 예측과 부하 제어, 유도 용해로·열처리로·건조로·도금 정류기 에너지 절감, 공기압축기 누설 점검, ESS 연계, 에너지 진단 보고서와 절감 효과 검증(M&V), 탄소배출량 산정.", ("24", "25", "20", "23"), ("gyeongbuk", "jeonnam", "gyeonggi", "ulsan"), ("ko",), 2, STIPEND, True),
    P("전력설비 운영과 산업안전 31년 — 전 한국전력공사", "한국전력공사에서 변전소 운영과 안전관리를 31년간 맡았습니다.", 31, ("safety", "fems"), "수변전설비 점검과 절연 열화 진단(열화상), 아크 플래시·감전 예방, 중대재해처벌법 대응 위험성평가, 밀폐공간 가스 측정과 작업허가, 정전 작업 LOTO 절차, 전력 품질(고조파·역률) 개선.", ("28", "29"), ("jeonnam", "gwangju", "jeonbuk"), ("ko",), 2, None, False),
)

ENGAGEMENTS = (
    E(1, 17, "SMT AOI 가성불량 AI 재판정", "active", 70, 4, "AOI 가성불량 재판정 기준과 데이터 준비를 도와주시면 좋겠습니다.", (
        L(50, 14, "AOI 4대 가성불량 유형 분류, 재검사 인력 작업 관찰", "가성불량 상위 5개 유형이 72%: 부품 높이·극성 마크 오판정부터 검사 조건 재튜닝", "유형별 불량 이미지 2,000장 라벨링 기준서 작성", True),
        L(20, 16, "라벨링 결과 검토, AI 재판정 공급기업 PoC 조건 협의", "진성불량 유출 20ppm 한도를 PoC 합격 기준에 명시할 것", "PoC 결과 검토 회의(다음 달 둘째 주)", False),
    ), None, None),
    E(1, 21, "클린룸 환경·설비 통합 모니터링", "proposed", -20, 3, "클린룸 이물 불량 개선 경험이 있으신 멘토님을 모시고 싶습니다.", (), None, None),
    E(15, 3, "사출성형 MES 도입 (사출기 24대)", "active", 100, 6, "사출기 성형조건 관리와 MES 요구사항 정리를 부탁드립니다.", (
        L(80, 18, "사출기 24대 성형조건 현황 조사, 불량 3.2% 유형 분석", "은줄·미성형이 불량의 60%: 원료 건조 시간과 금형온도 편차부터 관리", "성형조건 표준서 작성, MES 요구사항 초안", True),
        L(50, 16, "MES 요구사항 검토, Euromap 63 지원 사출기 확인", "LOT 추적은 원료 투입 단위까지 기록해야 클레임 대응이 가능", "공급기업 3곳 제안서 비교표 작성", True),
    ), None, None),
    E(15, 8, "사출기 30대 성형조건 모니터링 및 불량 분석", "active", 40, 4, "치수 불량 원인 분석을 함께 해주시면 감사하겠습니다.", (
        L(10, 12, "금형온도·보압 편차와 치수 불량 상관 분석", "금형 온도조절기 3대 편차 ±6℃: 교체 또는 교정 우선", "온도조절기 교정 후 2주 데이터 재수집", False),
    ), None, None),
    E(12, 6, "AI casting defect prediction for the aluminium die-casting line", "completed", 200, 6, "다이캐스팅 기공 불량 원인 분석과 데이터 수집 계획을 부탁드립니다.", (
        L(180, 20, "다이캐스팅 셀 8기 주조 방안과 기공·콜드셧 불량 현황 조사", "벤트·오버플로우 위치 재설계와 진공도 관리가 먼저, AI는 그다음", "샷 프로파일·금형 온도 데이터 수집 항목 정의", True),
        L(150, 18, "진공 밸브 점검, 샷 데이터 수집 시험", "진공도 50mbar 이하 유지 시 기공 불량 절반 감소 확인", "데이터 3개월 축적 후 모델 학습", True),
        L(90, 16, "불량 예측 모델 1차 결과 검토", "가공 전 X-ray 샘플링과 모델 경보 연동", "현장 적용 기준서 작성", True),
        L(40, 12, "현장 적용 결과 점검, 스크랩률 6.8% → 4.6%", "금형 냉각수 유량 관리까지 일상 점검표에 포함", "자체 개선 활동으로 이관", True),
    ), "스크랩률 4.6% 달성, 자체 개선 체계로 이관하여 종료", (5, "기공 불량 원인을 현장에서 바로 짚어주셨습니다.", 5, "데이터 준비에 적극적이었습니다.")),
    E(2, 15, "차체 프레스 14대 예지보전 시스템 구축", "accepted", -10, 5, "프레스 돌발 고장 저감을 위한 보전 체계 점검을 부탁드립니다.", (), None, None),
    E(10, 4, "도금액 농도·pH·온도 자동 측정 및 이탈 알림", "paused", 60, 4, "도금 두께 불량 재작업을 줄이고 싶습니다.", (
        L(40, 10, "도금조 18개 관리 기준과 측정 주기 점검", "야간 이탈이 두께 불량의 주원인: pH·온도 센서 우선 설치", "센서 설치 위치 선정(설치 공사 후 재개)", True),
    ), None, None),
    E(5, 7, "용접 비전검사로 비드 외관 불량 자동 판정", "declined", -30, 3, "용접 비드 검사 기준 수립을 도와주세요.", (), "현재 다른 두 건의 용접 멘토링 일정으로 어렵습니다.", None),
    E(19, 5, "열처리로 LNG·전력 사용량 원단위 관리 (FEMS)", "cancelled", 20, 3, "열처리로 에너지 원단위 관리 체계를 만들고 싶습니다.", (), "사업 일정이 내년으로 연기되어 취소합니다.", None),
    E(18, 1, "CNC 가공기 38대 가동 데이터 수집 및 MES 연동", "active", 45, 5, "가동 데이터 수집과 MES 연동 범위를 정해 주세요.", (
        L(25, 14, "CNC 38대 컨트롤러 기종 조사(FOCAS 지원 여부), 가동 현황 관찰", "FOCAS 미지원 12대는 전류 센서로 가동 상태 수집", "데이터 수집 항목과 OEE 산식 확정", True),
        L(5, 12, "OEE 산식 합의, MES 연동 인터페이스 검토", "비가동 사유 코드를 10개 이내로 단순하게", "공급기업과 인터페이스 설계 회의", False),
    ), None, None),
    E(3, 1, "Predictive maintenance for spindles on 12 machining centres", "completed", 190, 5, "스핀들 베어링 고장 징후를 미리 잡고 싶습니다.", (
        L(170, 16, "머시닝센터 12대 스핀들 고장 이력 분석", "고장 9건 중 6건이 윤활 불량: 진동 센서 전에 윤활 관리부터", "윤활 점검표와 주기 개정", True),
        L(130, 14, "진동 센서 부착 위치와 경보 기준 설정", "엔벨로프 분석 기준값을 설비별로 따로 잡을 것", "3개월 데이터로 경보 기준 조정", True),
        L(60, 10, "경보 기준 조정 결과 검토, 교체 계획 수립", "경보 후 72시간 안에 정비하는 절차를 작업표준에 반영", "종료 보고서 작성", True),
    ), "스핀들 경보 체계와 정비 절차 정착, 계획보다 한 달 일찍 종료", (4, "윤활 관리부터 짚어 준 것이 가장 효과가 컸습니다.", 5, "현장 개선 의지가 높았습니다.")),
)
