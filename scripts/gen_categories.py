#!/usr/bin/env python3
"""Write ``src/rocketgrowth/data/categories.json``: the sandbox's built-in category catalog.

The taxonomy, the names and the metadata below were written for this project (they are not
Coupang's data): a realistic tree of ~400 nodes in 11 top-level groups, with Korean, English and
Simplified Chinese names, and for every leaf a metadata object in the exact wire shape of the
category metadata API. The notice categories use the names and detail rows of the Korean
"전자상거래 상품정보제공 고시", which is public law.

Deterministic: codes are derived from the Korean path (SHA-256), so adding a node does not move
the others; the demo categories used by the tests are pinned. Run it again after editing:

    .venv/bin/python scripts/gen_categories.py
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path
from typing import Any

OUT = Path(__file__).resolve().parent.parent / "src" / "rocketgrowth" / "data" / "categories.json"

#: leaf path (Korean names joined by "/") → pinned displayCategoryCode; see rocketgrowth.domain.categories
PINNED = {
    "생활용품/주문제작/인쇄/주문제작 스티커": 77721,
    "생활용품/욕실용품/칫솔/치약/칫솔": 63162,
    "식품/가공식품/라면/면류/봉지라면": 58417,
    "홈인테리어/가구/거실가구/소파": 81503,
    "패션의류잡화/여성패션/여성의류/티셔츠": 69230,
    "식품/건강식품/비타민": 73350,
    "식품/주류/와인": 52790,
}

Json = dict[str, Any]

# ---------------------------------------------------------------- metadata building blocks


def attr(
    name: str,
    data_type: str = "STRING",
    *,
    unit: str = "없음",
    units: tuple[str, ...] = (),
    required: bool = False,
    group: str = "NONE",
    exposed: bool = False,
    values: tuple[str, ...] = (),
) -> Json:
    return {
        "attributeTypeName": name,
        "dataType": data_type,
        "basicUnit": unit,
        "usableUnits": list(units),
        "required": "MANDATORY" if required else "OPTIONAL",
        "groupNumber": group,
        "exposed": "EXPOSED" if exposed else "NONE",
        "inputType": "SELECT" if values else "INPUT",
        "inputValues": list(values),
    }


def qty(required: bool = True) -> Json:
    return attr("수량", "NUMBER", unit="개", units=("개", "개입", "매", "세트", "팩"), required=required, exposed=True)


def volume(required: bool = True, group: str = "1") -> Json:
    return attr("개당 용량", "NUMBER", unit="ml", units=("ml", "L"), required=required, group=group, exposed=True)


def weight(required: bool = True, group: str = "1") -> Json:
    return attr("개당 중량", "NUMBER", unit="g", units=("g", "kg"), required=required, group=group, exposed=True)


def color(required: bool = False) -> Json:
    return attr("색상", required=required, exposed=True)


def size_input(required: bool = False) -> Json:
    return attr("사이즈", required=required, exposed=True)


CLOTH_SIZES = (
    *("XS", "S", "M", "L", "XL", "2XL", "3XL", "FREE"),
    *("44", "55", "66", "77", "88", "85", "90", "95", "100", "105", "110", "115"),
    *(str(w) for w in range(24, 37)),
)
KIDS_SIZES = ("70", "80", "90", "100", "110", "120", "130", "140", "150", "160")
GENDER = attr("성별", values=("남성", "여성", "남녀공용"))
SEASON = attr("사용 계절", values=("봄", "여름", "가을", "겨울", "사계절"))
MATERIAL = attr("소재")
MODEL = attr("모델명/품번")
SKIN = attr("피부타입", values=("건성", "지성", "중성", "복합성", "민감성", "모든피부"))
FLAVOR = attr("맛", exposed=True)
MFG_DATE = attr("제조일자", "DATE")
AGE = attr("사용 연령")
STAGE = attr("단계", required=True, exposed=True, values=("1단계", "2단계", "3단계", "4단계"))
DIAPER_SIZE = attr(
    "기저귀 사이즈", required=True, exposed=True, values=("신생아", "소형", "중형", "대형", "특대형", "점보")
)
CAPACITY_L = attr("용량", "NUMBER", unit="L", units=("L",))
ENERGY = attr("에너지효율등급", values=("1등급", "2등급", "3등급", "4등급", "5등급"))
SCREEN = attr("화면 크기", "NUMBER", unit="cm", units=("cm", "inch"), required=True, exposed=True)
MEMORY = attr("메모리 용량", "NUMBER", unit="GB", units=("GB",))
LENGTH = attr("길이", "NUMBER", unit="cm", units=("mm", "cm", "m"), exposed=True)
SHEETS = attr("개당 매수", "NUMBER", unit="매", units=("매",))
GIFT_WRAP = attr("선물포장 타입", values=("바구니", "보자기", "상자"))
CAPACITY_MAH = attr("배터리 용량", "NUMBER", unit="mAh", units=("mAh",), required=True, exposed=True)
FEED_TARGET = attr("급여 대상", values=("퍼피", "어덜트", "시니어", "전연령"))
BRISTLE = attr("모 강도", exposed=True, values=("미세모", "부드러운모", "보통모", "강모"))
COLOR_TEMP = attr("색온도", values=("주광색", "주백색", "전구색"))
BED_SIZE = attr("침구 사이즈", required=True, exposed=True, values=("싱글", "슈퍼싱글", "퀸", "킹"))
TABLETS = attr("개당 캡슐/정", "NUMBER", unit="정", units=("정", "캡슐", "포"), exposed=True)
COMPAT = attr("호환 기종", required=True, exposed=True)


def storage(required: bool = False) -> Json:
    return attr("저장 용량", "NUMBER", unit="GB", units=("GB", "TB"), required=required, exposed=True)


def shoe_size() -> Json:
    return attr("신발 사이즈", "NUMBER", unit="mm", units=("mm",), required=True, exposed=True)


def cloth_size(values: tuple[str, ...] = CLOTH_SIZES) -> Json:
    return attr("사이즈", required=True, exposed=True, values=values)


# notice categories of the 전자상거래 상품정보제공 고시 (detail name, required)
MAN, OPT = "MANDATORY", "OPTIONAL"
NOTICES: dict[str, list[tuple[str, str]]] = {
    "기타 재화": [
        ("품명 및 모델명", MAN),
        ("인증/허가 사항", MAN),
        ("제조국(원산지)", MAN),
        ("제조자(수입자)", MAN),
        ("소비자상담 관련 전화번호", MAN),
    ],
    "의류": [
        ("제품 소재", MAN),
        ("색상", MAN),
        ("치수", MAN),
        ("제조자(수입자)", MAN),
        ("제조국", MAN),
        ("세탁방법 및 취급시 주의사항", MAN),
        ("제조연월", MAN),
        ("품질보증기준", MAN),
        ("A/S 책임자와 전화번호", MAN),
    ],
    "구두/신발": [
        ("제품 주소재", MAN),
        ("색상", MAN),
        ("치수", MAN),
        ("제조자(수입자)", MAN),
        ("제조국", MAN),
        ("취급시 주의사항", MAN),
        ("품질보증기준", MAN),
        ("A/S 책임자와 전화번호", MAN),
    ],
    "가방": [
        ("종류", MAN),
        ("소재", MAN),
        ("색상", MAN),
        ("크기", MAN),
        ("제조자(수입자)", MAN),
        ("제조국", MAN),
        ("취급시 주의사항", MAN),
        ("품질보증기준", MAN),
        ("A/S 책임자와 전화번호", MAN),
    ],
    "패션잡화(모자/벨트/액세서리)": [
        ("종류", MAN),
        ("소재", MAN),
        ("치수", MAN),
        ("제조자(수입자)", MAN),
        ("제조국", MAN),
        ("취급시 주의사항", MAN),
        ("품질보증기준", MAN),
        ("A/S 책임자와 전화번호", MAN),
    ],
    "귀금속/보석/시계류": [
        ("소재/순도/밴드재질(시계의 경우)", MAN),
        ("중량", MAN),
        ("제조자(수입자)", MAN),
        ("제조국", MAN),
        ("치수", MAN),
        ("착용 시 주의사항", MAN),
        ("주요 사양", MAN),
        ("보증서 제공여부", MAN),
        ("품질보증기준", MAN),
        ("A/S 책임자와 전화번호", MAN),
    ],
    "화장품": [
        ("용량(중량)", MAN),
        ("제품 주요 사양", MAN),
        ("사용기한 또는 개봉 후 사용기간", MAN),
        ("사용방법", MAN),
        ("화장품제조업자,화장품책임판매업자 및 맞춤형화장품판매업자", MAN),
        ("제조국", MAN),
        ("화장품법에 따라 기재해야 하는 모든 성분", MAN),
        ("기능성 화장품 식품의약품안전처 심사필 여부", OPT),
        ("사용할 때의 주의사항", MAN),
        ("품질보증기준", MAN),
        ("소비자상담 관련 전화번호", MAN),
    ],
    "가공식품": [
        ("제품명", MAN),
        ("식품의 유형", MAN),
        ("생산자 및 소재지", MAN),
        ("제조연월일", MAN),
        ("소비기한 또는 품질유지기한", MAN),
        ("포장단위별 내용물의 용량(중량), 수량", MAN),
        ("원재료명 및 함량", MAN),
        ("영양성분", MAN),
        ("유전자변형식품에 해당하는 경우의 표시", OPT),
        ("소비자안전을 위한 주의사항", MAN),
        ("수입식품 문구", OPT),
        ("소비자상담 관련 전화번호", MAN),
    ],
    "식품(농수산물)": [
        ("포장단위별 내용물의 용량(중량), 수량, 크기", MAN),
        ("생산자", MAN),
        ("원산지", MAN),
        ("제조연월일(포장일 또는 생산연도)", MAN),
        ("소비기한 또는 품질유지기한", MAN),
        ("관련법상 표시사항", OPT),
        ("상품구성", MAN),
        ("보관방법 또는 취급방법", MAN),
        ("소비자안전을 위한 주의사항", MAN),
        ("소비자상담 관련 전화번호", MAN),
    ],
    "건강기능식품": [
        ("제품명", MAN),
        ("제조업소의 명칭과 소재지", MAN),
        ("소비기한 및 보관방법", MAN),
        ("포장단위별 내용물의 용량(중량), 수량", MAN),
        ("원료명 및 함량", MAN),
        ("영양정보", MAN),
        ("기능정보", MAN),
        ("섭취량, 섭취방법 및 섭취 시 주의사항", MAN),
        ("질병의 예방 및 치료를 위한 의약품이 아니라는 내용의 표현", MAN),
        ("유전자변형건강기능식품에 해당하는 경우의 표시", OPT),
        ("수입식품 문구", OPT),
        ("소비자상담 관련 전화번호", MAN),
    ],
    "주방용품": [
        ("품명 및 모델명", MAN),
        ("재질", MAN),
        ("구성품", MAN),
        ("크기", MAN),
        ("동일모델의 출시년월", MAN),
        ("제조자(수입자)", MAN),
        ("제조국", MAN),
        ("수입 기구/용기의 경우 식품위생법에 따른 수입신고 문구", OPT),
        ("품질보증기준", MAN),
        ("A/S 책임자와 전화번호", MAN),
    ],
    "생활화학제품": [
        ("품목 및 제품명", MAN),
        ("용도 및 제형", MAN),
        ("제조연월 및 소비기한", MAN),
        ("중량·용량·매수", MAN),
        ("효과·효능", OPT),
        ("수입자", OPT),
        ("제조국", MAN),
        ("제조사", MAN),
        ("어린이보호포장 대상 제품 유무", MAN),
        ("제품에 사용된 모든 물질 목록", MAN),
        ("신고번호 또는 승인번호", MAN),
        ("소비자상담 관련 전화번호", MAN),
    ],
    "의료기기": [
        ("품명 및 모델명", MAN),
        ("의료기기법상 허가·신고 번호 및 광고사전심의필 유무", MAN),
        ("정격전압, 소비전력", OPT),
        ("동일모델의 출시년월", MAN),
        ("제조자(수입자)", MAN),
        ("제조국", MAN),
        ("제품의 사용목적 및 사용방법", MAN),
        ("취급시 주의사항", MAN),
        ("품질보증기준", MAN),
        ("A/S 책임자와 전화번호", MAN),
    ],
    "가정용 전기제품(냉장고/세탁기/식기세척기/전자레인지)": [
        ("품명 및 모델명", MAN),
        ("KC 인증정보", MAN),
        ("정격전압, 소비전력", MAN),
        ("에너지소비효율등급", MAN),
        ("동일모델의 출시년월", MAN),
        ("제조자(수입자)", MAN),
        ("제조국", MAN),
        ("크기", MAN),
        ("품질보증기준", MAN),
        ("A/S 책임자와 전화번호", MAN),
    ],
    "영상가전(TV류)": [
        ("품명 및 모델명", MAN),
        ("KC 인증정보", MAN),
        ("정격전압, 소비전력", MAN),
        ("에너지소비효율등급", MAN),
        ("동일모델의 출시년월", MAN),
        ("제조자(수입자)", MAN),
        ("제조국", MAN),
        ("크기", MAN),
        ("화면사양", MAN),
        ("품질보증기준", MAN),
        ("A/S 책임자와 전화번호", MAN),
    ],
    "계절가전(에어컨/온풍기)": [
        ("품명 및 모델명", MAN),
        ("KC 인증정보", MAN),
        ("정격전압, 소비전력", MAN),
        ("에너지소비효율등급", MAN),
        ("동일모델의 출시년월", MAN),
        ("제조자(수입자)", MAN),
        ("제조국", MAN),
        ("크기", MAN),
        ("냉난방면적", MAN),
        ("추가설치비용", OPT),
        ("품질보증기준", MAN),
        ("A/S 책임자와 전화번호", MAN),
    ],
    "사무용기기(컴퓨터/노트북/프린터)": [
        ("품명 및 모델명", MAN),
        ("KC 인증정보", MAN),
        ("정격전압, 소비전력", MAN),
        ("에너지소비효율등급", OPT),
        ("동일모델의 출시년월", MAN),
        ("제조자(수입자)", MAN),
        ("제조국", MAN),
        ("크기, 무게", MAN),
        ("주요 사양", MAN),
        ("품질보증기준", MAN),
        ("A/S 책임자와 전화번호", MAN),
    ],
    "광학기기(디지털카메라/캠코더/폴라로이드)": [
        ("품명 및 모델명", MAN),
        ("KC 인증정보", MAN),
        ("동일모델의 출시년월", MAN),
        ("제조자(수입자)", MAN),
        ("제조국", MAN),
        ("크기, 무게", MAN),
        ("카메라 사양", MAN),
        ("품질보증기준", MAN),
        ("A/S 책임자와 전화번호", MAN),
    ],
    "소형전자(MP3/전자사전 등)": [
        ("품명 및 모델명", MAN),
        ("KC 인증정보", MAN),
        ("정격전압, 소비전력", MAN),
        ("동일모델의 출시년월", MAN),
        ("제조자(수입자)", MAN),
        ("제조국", MAN),
        ("크기, 무게", MAN),
        ("주요 사양", MAN),
        ("품질보증기준", MAN),
        ("A/S 책임자와 전화번호", MAN),
    ],
    "휴대폰": [
        ("품명 및 모델명", MAN),
        ("KC 인증정보", MAN),
        ("동일모델의 출시년월", MAN),
        ("제조자(수입자)", MAN),
        ("제조국", MAN),
        ("크기, 무게", MAN),
        ("이동통신사", MAN),
        ("가입절차", OPT),
        ("소비자의 추가적인 부담사항", OPT),
        ("주요 사양", MAN),
        ("품질보증기준", MAN),
        ("A/S 책임자와 전화번호", MAN),
    ],
    "영유아용품": [
        ("품명 및 모델명", MAN),
        ("KC 인증정보", MAN),
        ("크기, 중량", MAN),
        ("색상", MAN),
        ("재질", MAN),
        ("사용연령 또는 체중범위", MAN),
        ("동일모델의 출시년월", MAN),
        ("제조자(수입자)", MAN),
        ("제조국", MAN),
        ("취급방법 및 취급시 주의사항, 안전표시", MAN),
        ("품질보증기준", MAN),
        ("A/S 책임자와 전화번호", MAN),
    ],
    "스포츠용품": [
        ("품명 및 모델명", MAN),
        ("크기, 중량", MAN),
        ("색상", MAN),
        ("재질", MAN),
        ("제품 구성", MAN),
        ("동일모델의 출시년월", MAN),
        ("제조자(수입자)", MAN),
        ("제조국", MAN),
        ("상품별 세부 사양", MAN),
        ("품질보증기준", MAN),
        ("A/S 책임자와 전화번호", MAN),
    ],
    "가구(침대/소파/싱크대/DIY제품)": [
        ("품명", MAN),
        ("KC 인증정보", MAN),
        ("색상", MAN),
        ("구성품", MAN),
        ("주요 소재", MAN),
        ("제조자(수입자)", MAN),
        ("제조국", MAN),
        ("크기", MAN),
        ("배송·설치비용", MAN),
        ("품질보증기준", MAN),
        ("A/S 책임자와 전화번호", MAN),
    ],
    "침구류/커튼": [
        ("제품 소재", MAN),
        ("색상", MAN),
        ("치수", MAN),
        ("제품구성", MAN),
        ("제조자(수입자)", MAN),
        ("제조국", MAN),
        ("세탁방법 및 취급시 주의사항", MAN),
        ("품질보증기준", MAN),
        ("A/S 책임자와 전화번호", MAN),
    ],
}


def notice(name: str) -> Json:
    return {
        "noticeCategoryName": name,
        "noticeCategoryDetailNames": [
            {"noticeCategoryDetailName": detail, "required": req} for detail, req in NOTICES[name]
        ],
    }


def cert(kind: str, name: str, data_type: str = "CODE", required: str = "MANDATORY") -> Json:
    return {"certificationType": kind, "name": name, "dataType": data_type, "required": required}


C_NONE = cert("NOT_REQUIRED", "인증대상아님", "NONE", "OPTIONAL")
C_DETAIL = cert("PRESENTED_IN_DETAIL_PAGE", "상세페이지 별도표기", "NONE", "OPTIONAL")
KC_ELEC = (
    cert("KC_ELECTRONICS_CERTIFICATION", "[전기용품] 안전인증"),
    cert("KC_ELECTRONICS_CONFIRM", "[전기용품] 안전확인"),
    cert("KC_ELECTRONICS_PROVIDER", "[전기용품] 공급자적합성확인"),
)
COMM = cert("COMMUNICATION_EQUIPMENT", "[방송통신기자재] 적합성평가")
KC_KID = (
    cert("KC_KID_CERTIFICATION", "[어린이제품] 안전인증"),
    cert("KC_KID_CONFIRM", "[어린이제품] 안전확인"),
    cert("KC_KID_PROVIDER", "[어린이제품] 공급자적합성확인"),
)
KC_HOUSE = (
    cert("KC_HOUSEHOLD_CERTIFICATION", "[생활용품] 안전인증", required="OPTIONAL"),
    cert("KC_HOUSEHOLD_CONFIRM", "[생활용품] 안전확인", required="OPTIONAL"),
    cert("KC_HOUSEHOLD_QUALITY", "[생활용품] 안전기준준수", required="OPTIONAL"),
)


def doc(name: str, required: str) -> Json:
    return {"templateName": name, "required": required}


D_PARALLEL = doc("수입신고필증(병행수입 선택시)", "MANDATORY_PARALLEL_IMPORTED")
D_OVERSEAS = doc("구매대행 증빙서류(구매대행 선택시)", "MANDATORY_OVERSEAS_PURCHASED")
D_HEALTH_AD = doc("건강기능식품 표시·광고 심의필증", "MANDATORY")
D_MEDICAL = doc("의료기기 품목허가증(신고증)", "MANDATORY")
D_BATTERY_UN = doc("배터리 UN38.3 시험성적서", "MANDATORY_BATTERY_UN_TEST")
D_BATTERY_MSDS = doc("배터리 MSDS 시험성적서", "MANDATORY_BATTERY_MSDS_TEST")
D_INGREDIENTS = doc("전성분 표시 사진", "MANDATORY_INGREDIENTS_PIC")
D_TEST_REPORT = doc("시험성적서", "OPTIONAL")
D_IMPORT_FOOD = doc("수입식품 신고필증(수입식품인 경우)", "OPTIONAL")

ALL_OFFERS = ("NEW", "REFURBISHED", "USED_BEST", "USED_GOOD", "USED_NORMAL")


def meta(
    *,
    attrs: tuple[Json, ...] = (),
    notices: tuple[str, ...] = ("기타 재화",),
    single: bool = True,
    docs: tuple[Json, ...] = (),
    certs: tuple[Json, ...] = (C_NONE, C_DETAIL),
    offers: tuple[str, ...] = ("NEW",),
    expiry: bool = False,
) -> Json:
    return {
        "isAllowSingleItem": single,
        "attributes": list(attrs),
        "noticeCategories": [notice(n) for n in notices],
        "requiredDocumentNames": [D_PARALLEL, D_OVERSEAS, *docs],
        "certifications": list(certs),
        "allowedOfferConditions": list(offers),
        "isExpirationDateRequiredForRocketGrowth": expiry,
    }


# profile name → (metadata, Rocket Growth operable, Coupang Global Fulfillment)
CLOTHES = (color(True), cloth_size(), GENDER, SEASON, MATERIAL)
PROFILES: dict[str, tuple[Json, bool, bool]] = {
    "clothing": (meta(attrs=CLOTHES, notices=("의류",), single=False), True, True),
    "kids_clothing": (
        meta(
            attrs=(color(True), cloth_size(KIDS_SIZES), GENDER, SEASON), notices=("의류",), single=False, certs=KC_KID
        ),
        True,
        False,
    ),
    "shoes": (
        meta(attrs=(color(True), shoe_size(), GENDER, MATERIAL), notices=("구두/신발",), single=False),
        True,
        True,
    ),
    "kids_shoes": (
        meta(attrs=(color(True), shoe_size(), MATERIAL), notices=("구두/신발",), single=False, certs=KC_KID),
        True,
        False,
    ),
    "bag": (
        meta(
            attrs=(color(), size_input(), MATERIAL),
            notices=("가방",),
            offers=("NEW", "USED_BEST", "USED_GOOD"),
        ),
        True,
        True,
    ),
    "accessory": (meta(attrs=(color(), size_input(), MATERIAL), notices=("패션잡화(모자/벨트/액세서리)",)), True, True),
    "jewelry": (
        meta(attrs=(color(), MATERIAL, MODEL), notices=("귀금속/보석/시계류",), offers=("NEW", "USED_BEST")),
        True,
        True,
    ),
    "cosmetics": (
        meta(
            attrs=(qty(), volume(), weight(), SKIN),
            notices=("화장품",),
            docs=(D_INGREDIENTS,),
            expiry=True,
        ),
        True,
        True,
    ),
    "beauty_tool": (meta(attrs=(qty(), color())), True, True),
    "ramen": (
        meta(attrs=(qty(), weight(group="NONE"), FLAVOR, MFG_DATE), notices=("가공식품",), expiry=True),
        True,
        False,
    ),
    "processed_food": (
        meta(
            attrs=(qty(), weight(), volume(), FLAVOR, MFG_DATE),
            notices=("가공식품",),
            docs=(D_IMPORT_FOOD,),
            expiry=True,
        ),
        True,
        True,
    ),
    "beverage": (meta(attrs=(qty(), volume(group="NONE"), FLAVOR), notices=("가공식품",), expiry=True), True, False),
    "fresh_food": (
        meta(attrs=(qty(), weight(group="NONE"), MFG_DATE), notices=("식품(농수산물)",), expiry=True),
        False,
        False,
    ),
    "dried_seafood": (
        meta(attrs=(qty(), weight(group="NONE")), notices=("식품(농수산물)", "가공식품"), expiry=True),
        True,
        False,
    ),
    "health_food": (
        meta(
            attrs=(qty(), TABLETS, weight(required=False, group="NONE")),
            notices=("건강기능식품",),
            docs=(D_HEALTH_AD, D_IMPORT_FOOD),
            expiry=True,
        ),
        True,
        True,
    ),
    "alcohol": (meta(attrs=(qty(), volume(group="NONE")), notices=("가공식품",)), False, False),
    "cookware": (
        meta(attrs=(size_input(), MATERIAL, color()), notices=("주방용품", "기타 재화"), certs=(C_NONE, *KC_HOUSE)),
        True,
        False,
    ),
    "tableware": (meta(attrs=(qty(), size_input(), color(), MATERIAL), notices=("주방용품",)), True, True),
    "kitchen_misc": (meta(attrs=(qty(), color())), True, False),
    "household_chem": (
        meta(attrs=(qty(), volume(), weight()), notices=("생활화학제품",), certs=(C_DETAIL,)),
        True,
        False,
    ),
    "paper": (meta(attrs=(qty(), SHEETS, LENGTH)), True, False),
    "generic": (meta(attrs=(qty(), color())), True, False),
    "demo_rg": (meta(attrs=(qty(), color(), BRISTLE)), True, False),
    "custom": (meta(attrs=(size_input(), qty(required=False), GIFT_WRAP)), False, False),
    "medical": (
        meta(attrs=(qty(), MODEL), notices=("의료기기",), docs=(D_MEDICAL,), offers=("NEW", "REFURBISHED")),
        True,
        False,
    ),
    "mask": (meta(attrs=(qty(), size_input(), color()), notices=("기타 재화", "의료기기")), True, True),
    "large_appliance": (
        meta(
            attrs=(CAPACITY_L, ENERGY, color(), MODEL),
            notices=("가정용 전기제품(냉장고/세탁기/식기세척기/전자레인지)",),
            certs=KC_ELEC,
            offers=ALL_OFFERS,
        ),
        False,
        False,
    ),
    "tv": (
        meta(attrs=(SCREEN, ENERGY, MODEL), notices=("영상가전(TV류)",), certs=KC_ELEC, offers=ALL_OFFERS),
        False,
        False,
    ),
    "seasonal": (
        meta(attrs=(color(), MODEL, ENERGY), notices=("계절가전(에어컨/온풍기)",), certs=KC_ELEC),
        True,
        False,
    ),
    "small_appliance": (
        meta(
            attrs=(color(), MODEL, CAPACITY_L),
            notices=("가정용 전기제품(냉장고/세탁기/식기세척기/전자레인지)", "소형전자(MP3/전자사전 등)"),
            certs=KC_ELEC,
            offers=("NEW", "REFURBISHED"),
        ),
        True,
        False,
    ),
    "computer": (
        meta(
            attrs=(MODEL, storage(), MEMORY, color()),
            notices=("사무용기기(컴퓨터/노트북/프린터)",),
            certs=(*KC_ELEC, COMM),
            offers=ALL_OFFERS,
        ),
        True,
        False,
    ),
    "pc_accessory": (
        meta(
            attrs=(color(), MODEL, qty(required=False)),
            notices=("소형전자(MP3/전자사전 등)",),
            certs=(*KC_ELEC, COMM),
            offers=("NEW", "REFURBISHED", "USED_BEST"),
        ),
        True,
        True,
    ),
    "storage_device": (
        meta(attrs=(storage(True), MODEL), notices=("소형전자(MP3/전자사전 등)",), certs=(COMM,)),
        True,
        True,
    ),
    "phone": (
        meta(
            attrs=(storage(True), color(True), MODEL),
            notices=("휴대폰",),
            single=False,
            certs=(COMM,),
            offers=ALL_OFFERS,
        ),
        True,
        False,
    ),
    "phone_case": (meta(attrs=(COMPAT, color())), True, True),
    "charger": (
        meta(attrs=(qty(required=False), LENGTH, color()), notices=("소형전자(MP3/전자사전 등)",), certs=KC_ELEC),
        True,
        True,
    ),
    "battery": (
        meta(
            attrs=(CAPACITY_MAH, color()),
            notices=("소형전자(MP3/전자사전 등)",),
            certs=KC_ELEC,
            docs=(D_BATTERY_UN, D_BATTERY_MSDS),
        ),
        True,
        False,
    ),
    "audio": (
        meta(
            attrs=(color(), MODEL),
            notices=("소형전자(MP3/전자사전 등)",),
            certs=(COMM, *KC_ELEC),
            offers=("NEW", "REFURBISHED", "USED_BEST"),
        ),
        True,
        True,
    ),
    "camera": (
        meta(
            attrs=(MODEL, color()),
            notices=("광학기기(디지털카메라/캠코더/폴라로이드)",),
            certs=(COMM, *KC_ELEC),
            offers=ALL_OFFERS,
        ),
        True,
        False,
    ),
    "lighting": (meta(attrs=(color(), COLOR_TEMP), notices=("기타 재화",), certs=KC_ELEC), True, False),
    "diaper": (
        meta(attrs=(DIAPER_SIZE, qty()), notices=("기타 재화", "영유아용품"), single=False, docs=(D_TEST_REPORT,)),
        True,
        True,
    ),
    "baby_food": (
        meta(attrs=(qty(), weight(), volume(), FLAVOR), notices=("가공식품",), expiry=True),
        True,
        False,
    ),
    "formula": (meta(attrs=(STAGE, qty(), weight(group="NONE")), notices=("가공식품",), expiry=True), True, True),
    "baby_cosmetics": (
        meta(attrs=(qty(), volume(), weight()), notices=("화장품",), docs=(D_INGREDIENTS,), expiry=True),
        True,
        False,
    ),
    "baby_goods": (
        meta(attrs=(color(), AGE, qty(required=False)), notices=("영유아용품",), certs=KC_KID, docs=(D_TEST_REPORT,)),
        True,
        False,
    ),
    "stroller": (
        meta(attrs=(color(), AGE), notices=("영유아용품",), certs=KC_KID, offers=("NEW", "USED_BEST", "USED_GOOD")),
        False,
        False,
    ),
    "toy": (meta(attrs=(AGE, qty(required=False)), notices=("영유아용품", "기타 재화"), certs=KC_KID), True, True),
    "sports": (
        meta(attrs=(color(), size_input(), MATERIAL), notices=("스포츠용품", "기타 재화"), certs=(C_NONE, *KC_HOUSE)),
        True,
        False,
    ),
    "sports_heavy": (
        meta(attrs=(color(), MODEL), notices=("스포츠용품",), offers=("NEW", "REFURBISHED", "USED_BEST")),
        False,
        False,
    ),
    "golf_ball": (meta(attrs=(qty(), color()), notices=("스포츠용품",)), True, True),
    "pet_food": (
        meta(attrs=(qty(), weight(group="NONE"), FEED_TARGET, FLAVOR), notices=("기타 재화",), expiry=True),
        True,
        False,
    ),
    "pet_supplies": (meta(attrs=(qty(), color(), size_input())), True, False),
    "pet_big": (meta(attrs=(color(), size_input())), False, False),
    "furniture": (
        meta(
            attrs=(color(), size_input(), MATERIAL),
            notices=("가구(침대/소파/싱크대/DIY제품)", "기타 재화"),
            certs=(C_NONE, *KC_HOUSE),
        ),
        False,
        False,
    ),
    "bedding": (meta(attrs=(color(True), BED_SIZE, MATERIAL), notices=("침구류/커튼",), single=False), True, False),
    "curtain": (meta(attrs=(color(), size_input()), notices=("침구류/커튼", "기타 재화")), True, False),
    "decor": (meta(attrs=(qty(), color(), size_input())), True, True),
    "stationery": (meta(attrs=(qty(), color())), True, True),
}

# ---------------------------------------------------------------- the taxonomy
# a leaf: (ko, en, zh, profile[, options]); an inner node: (ko, en, zh, [children][, options])
# options: status (READY|DISABLED), rfm, cgf


def leaves(profile: str, *names: tuple[str, str, str]) -> list[tuple[Any, ...]]:
    return [(ko, en, zh, profile) for ko, en, zh in names]


TREE: list[tuple[Any, ...]] = [
    ("패션의류잡화", "Fashion", "时尚服饰", [
        ("여성패션", "Women's Fashion", "女装", [
            ("여성의류", "Women's Clothing", "女士服装", leaves(
                "clothing",
                ("티셔츠", "T-shirts", "T恤"),
                ("블라우스/셔츠", "Blouses & Shirts", "衬衫"),
                ("원피스", "Dresses", "连衣裙"),
                ("니트/스웨터", "Knitwear", "针织衫"),
                ("스커트", "Skirts", "半身裙"),
                ("청바지", "Jeans", "牛仔裤"),
                ("재킷", "Jackets", "夹克"),
                ("코트", "Coats", "大衣"),
                ("패딩", "Padded Jackets", "羽绒服"),
            )),
            ("여성 속옷/잠옷", "Women's Underwear & Sleepwear", "女士内衣睡衣", leaves(
                "clothing",
                ("브라", "Bras", "文胸"),
                ("팬티", "Panties", "内裤"),
                ("잠옷", "Pajamas", "睡衣"),
            )),
        ]),
        ("남성패션", "Men's Fashion", "男装", [
            ("남성의류", "Men's Clothing", "男士服装", leaves(
                "clothing",
                ("티셔츠", "T-shirts", "T恤"),
                ("셔츠", "Shirts", "衬衫"),
                ("니트/스웨터", "Knitwear", "针织衫"),
                ("바지", "Trousers", "长裤"),
                ("청바지", "Jeans", "牛仔裤"),
                ("재킷", "Jackets", "夹克"),
                ("코트", "Coats", "大衣"),
                ("정장", "Suits", "西装"),
            )),
            ("남성 속옷/잠옷", "Men's Underwear & Sleepwear", "男士内衣睡衣", leaves(
                "clothing",
                ("드로즈", "Boxer Briefs", "平角内裤"),
                ("런닝", "Undershirts", "背心"),
                ("잠옷", "Pajamas", "睡衣"),
            )),
        ]),
        ("신발", "Shoes", "鞋靴", [
            *leaves(
                "shoes",
                ("운동화", "Sneakers", "运动鞋"),
                ("구두", "Dress Shoes", "皮鞋"),
                ("샌들", "Sandals", "凉鞋"),
                ("슬리퍼", "Slippers", "拖鞋"),
                ("부츠", "Boots", "靴子"),
            ),
            ("아동화", "Kids' Shoes", "童鞋", "kids_shoes"),
        ]),
        ("가방/잡화", "Bags & Accessories", "箱包配饰", [
            ("가방", "Bags", "包袋", leaves(
                "bag",
                ("백팩", "Backpacks", "双肩包"),
                ("숄더백", "Shoulder Bags", "单肩包"),
                ("크로스백", "Crossbody Bags", "斜挎包"),
                ("지갑", "Wallets", "钱包"),
                ("캐리어", "Suitcases", "行李箱"),
            )),
            ("패션잡화", "Fashion Accessories", "服饰配件", leaves(
                "accessory",
                ("모자", "Hats", "帽子"),
                ("벨트", "Belts", "腰带"),
                ("양말", "Socks", "袜子"),
                ("장갑", "Gloves", "手套"),
                ("스카프/머플러", "Scarves & Mufflers", "围巾"),
            )),
            ("주얼리/시계", "Jewelry & Watches", "珠宝手表", leaves(
                "jewelry",
                ("목걸이", "Necklaces", "项链"),
                ("귀걸이", "Earrings", "耳环"),
                ("반지", "Rings", "戒指"),
                ("손목시계", "Wristwatches", "手表"),
            )),
        ]),
    ]),
    ("뷰티", "Beauty", "美妆", [
        ("스킨케어", "Skincare", "护肤", leaves(
            "cosmetics",
            ("스킨/토너", "Toners", "爽肤水"),
            ("로션/에멀전", "Lotions & Emulsions", "乳液"),
            ("에센스/세럼", "Essences & Serums", "精华"),
            ("크림", "Creams", "面霜"),
            ("아이크림", "Eye Creams", "眼霜"),
            ("선크림", "Sunscreens", "防晒霜"),
            ("마스크팩", "Sheet Masks", "面膜"),
            ("클렌징폼", "Cleansing Foams", "洁面泡沫"),
            ("클렌징오일", "Cleansing Oils", "卸妆油"),
        )),
        ("메이크업", "Makeup", "彩妆", [
            ("베이스메이크업", "Base Makeup", "底妆", leaves(
                "cosmetics",
                ("쿠션", "Cushion Compacts", "气垫"),
                ("파운데이션", "Foundations", "粉底液"),
                ("프라이머", "Primers", "妆前乳"),
                ("파우더", "Powders", "散粉"),
            )),
            ("포인트메이크업", "Point Makeup", "局部彩妆", leaves(
                "cosmetics",
                ("립스틱", "Lipsticks", "口红"),
                ("립틴트", "Lip Tints", "唇釉"),
                ("아이섀도", "Eyeshadows", "眼影"),
                ("마스카라", "Mascaras", "睫毛膏"),
                ("아이라이너", "Eyeliners", "眼线笔"),
            )),
        ]),
        ("헤어", "Hair Care", "护发", leaves(
            "cosmetics",
            ("샴푸", "Shampoos", "洗发水"),
            ("린스/컨디셔너", "Conditioners", "护发素"),
            ("트리트먼트", "Treatments", "发膜"),
            ("헤어에센스", "Hair Essences", "护发精油"),
            ("염색약", "Hair Dyes", "染发剂"),
        )),
        ("바디", "Body Care", "身体护理", leaves(
            "cosmetics",
            ("바디워시", "Body Washes", "沐浴露"),
            ("바디로션", "Body Lotions", "身体乳"),
            ("핸드크림", "Hand Creams", "护手霜"),
            ("데오드란트", "Deodorants", "止汗露"),
        )),
        ("향수", "Fragrances", "香水", leaves(
            "cosmetics",
            ("여성향수", "Women's Perfumes", "女士香水"),
            ("남성향수", "Men's Perfumes", "男士香水"),
            ("남녀공용향수", "Unisex Perfumes", "中性香水"),
        )),
        ("미용소품", "Beauty Tools", "美妆工具", leaves(
            "beauty_tool",
            ("메이크업브러시", "Makeup Brushes", "化妆刷"),
            ("퍼프", "Puffs", "粉扑"),
            ("손톱깎이", "Nail Clippers", "指甲刀"),
        )),
    ]),
    ("식품", "Food", "食品", [
        ("가공식품", "Processed Food", "加工食品", [
            ("라면/면류", "Noodles", "方便面与面条", [
                ("봉지라면", "Packet Ramen", "袋装方便面", "ramen"),
                ("컵라면", "Cup Ramen", "杯装方便面", "ramen"),
                ("국수/소면", "Somen & Wheat Noodles", "挂面", "ramen"),
                ("파스타면", "Pasta", "意大利面", "ramen"),
            ]),
            ("통조림/즉석식품", "Canned & Ready Meals", "罐头速食", leaves(
                "processed_food",
                ("참치캔", "Canned Tuna", "金枪鱼罐头"),
                ("즉석밥", "Instant Rice", "速食米饭"),
                ("즉석국/찌개", "Instant Soups & Stews", "速食汤"),
                ("레토르트 카레", "Retort Curry", "即食咖喱"),
            )),
            ("소스/조미료", "Sauces & Seasonings", "调味品", leaves(
                "processed_food",
                ("고추장", "Gochujang", "辣椒酱"),
                ("간장", "Soy Sauce", "酱油"),
                ("식용유", "Cooking Oil", "食用油"),
                ("설탕", "Sugar", "白糖"),
                ("소금", "Salt", "食盐"),
            )),
        ]),
        ("과자/간식", "Snacks", "零食", leaves(
            "processed_food",
            ("스낵", "Chips & Crisps", "膨化食品"),
            ("쿠키/비스킷", "Cookies & Biscuits", "饼干"),
            ("초콜릿", "Chocolate", "巧克力"),
            ("사탕/젤리", "Candy & Jelly", "糖果果冻"),
            ("견과류", "Nuts", "坚果"),
        )),
        ("음료", "Beverages", "饮料", leaves(
            "beverage",
            ("생수", "Bottled Water", "矿泉水"),
            ("탄산음료", "Soft Drinks", "碳酸饮料"),
            ("커피", "Coffee", "咖啡"),
            ("차", "Tea", "茶"),
            ("주스", "Juice", "果汁"),
        )),
        ("신선식품", "Fresh Food", "生鲜", [
            ("과일", "Fruit", "水果", leaves(
                "fresh_food",
                ("사과", "Apples", "苹果"),
                ("배", "Pears", "梨"),
                ("귤/감귤", "Tangerines", "橘子"),
                ("바나나", "Bananas", "香蕉"),
            )),
            ("정육/계란", "Meat & Eggs", "肉禽蛋", leaves(
                "fresh_food",
                ("소고기", "Beef", "牛肉"),
                ("돼지고기", "Pork", "猪肉"),
                ("닭고기", "Chicken", "鸡肉"),
                ("계란", "Eggs", "鸡蛋"),
            )),
            ("수산물", "Seafood", "水产", [
                ("생선", "Fish", "鱼类", "fresh_food"),
                ("새우", "Shrimp", "虾", "fresh_food"),
                ("김", "Dried Laver", "紫菜", "dried_seafood"),
            ]),
        ]),
        ("건강식품", "Health Supplements", "保健食品", leaves(
            "health_food",
            ("비타민", "Vitamins", "维生素"),
            ("유산균", "Probiotics", "益生菌"),
            ("오메가3", "Omega-3", "欧米伽3"),
            ("홍삼", "Red Ginseng", "红参"),
            ("단백질보충제", "Protein Supplements", "蛋白粉"),
        )),
        ("주류", "Alcoholic Beverages", "酒类", [
            ("전통주", "Traditional Liquor", "传统酒", "alcohol"),
            ("와인", "Wine", "葡萄酒", "alcohol", {"status": "DISABLED"}),
            ("맥주", "Beer", "啤酒", "alcohol", {"status": "DISABLED"}),
        ]),
    ]),
    ("주방용품", "Kitchenware", "厨房用品", [
        ("조리도구", "Cookware", "烹饪用具", leaves(
            "cookware",
            ("프라이팬", "Frying Pans", "平底锅"),
            ("냄비", "Pots", "汤锅"),
            ("웍", "Woks", "炒锅"),
            ("압력솥", "Pressure Cookers", "高压锅"),
        )),
        ("주방소도구", "Kitchen Utensils", "厨房小工具", leaves(
            "cookware",
            ("칼", "Knives", "刀具"),
            ("도마", "Cutting Boards", "砧板"),
            ("국자/뒤집개", "Ladles & Turners", "汤勺锅铲"),
            ("주방가위", "Kitchen Scissors", "厨房剪刀"),
            ("계량도구", "Measuring Tools", "量具"),
        )),
        ("식기", "Tableware", "餐具", leaves(
            "tableware",
            ("접시", "Plates", "盘子"),
            ("그릇", "Bowls", "碗"),
            ("수저세트", "Cutlery Sets", "餐具套装"),
            ("컵/머그", "Cups & Mugs", "杯子"),
            ("텀블러", "Tumblers", "随行杯"),
        )),
        ("보관/밀폐용기", "Food Storage", "保鲜收纳", leaves(
            "tableware",
            ("밀폐용기", "Airtight Containers", "保鲜盒"),
            ("지퍼백", "Zipper Bags", "密封袋"),
            ("랩/호일", "Wraps & Foil", "保鲜膜锡纸"),
        )),
        ("주방잡화", "Kitchen Supplies", "厨房杂货", leaves(
            "kitchen_misc",
            ("수세미", "Scrubbers", "洗碗海绵"),
            ("고무장갑", "Rubber Gloves", "橡胶手套"),
            ("행주", "Dishcloths", "抹布"),
        )),
    ]),
    ("생활용품", "Household", "生活用品", [
        ("세제", "Detergents", "洗涤剂", leaves(
            "household_chem",
            ("세탁세제", "Laundry Detergents", "洗衣液"),
            ("섬유유연제", "Fabric Softeners", "衣物柔顺剂"),
            ("주방세제", "Dish Soaps", "洗洁精"),
            ("표백제", "Bleach", "漂白剂"),
        )),
        ("화장지/물티슈", "Tissue & Wet Wipes", "纸品湿巾", leaves(
            "paper",
            ("두루마리 화장지", "Toilet Rolls", "卷纸"),
            ("각티슈", "Facial Tissues", "抽纸"),
            ("키친타올", "Kitchen Towels", "厨房纸"),
            ("물티슈", "Wet Wipes", "湿巾"),
        )),
        ("욕실용품", "Bathroom", "卫浴用品", [
            ("칫솔/치약", "Oral Care", "口腔护理", [
                ("칫솔", "Toothbrushes", "牙刷", "demo_rg"),
                ("치약", "Toothpaste", "牙膏", "generic"),
                ("치실", "Dental Floss", "牙线", "generic"),
                ("구강청결제", "Mouthwash", "漱口水", "household_chem"),
            ]),
            ("욕실소품", "Bath Accessories", "浴室配件", leaves(
                "generic",
                ("수건", "Towels", "毛巾"),
                ("샤워기", "Shower Heads", "花洒"),
                ("욕실매트", "Bath Mats", "浴室地垫"),
                ("비누받침", "Soap Dishes", "肥皂盒"),
            )),
        ]),
        ("청소용품", "Cleaning", "清洁用品", [
            ("청소포/밀대", "Mops & Sheets", "拖把与清洁布", "generic"),
            ("빗자루", "Brooms", "扫帚", "generic"),
            ("쓰레기봉투", "Trash Bags", "垃圾袋", "generic"),
            ("방향제", "Air Fresheners", "空气清新剂", "household_chem"),
        ]),
        ("수납/정리", "Storage & Organization", "收纳整理", leaves(
            "generic",
            ("리빙박스", "Storage Boxes", "收纳箱"),
            ("옷걸이", "Hangers", "衣架"),
            ("선반", "Shelves", "置物架"),
            ("압축팩", "Vacuum Bags", "真空压缩袋"),
        )),
        ("건강/의료용품", "Health & Medical", "健康医疗", [
            ("체온계", "Thermometers", "体温计", "medical"),
            ("혈압계", "Blood Pressure Monitors", "血压计", "medical"),
            ("마스크", "Face Masks", "口罩", "mask"),
            ("찜질팩", "Heat Packs", "热敷袋", "generic"),
            ("밴드", "Adhesive Bandages", "创可贴", "generic"),
        ]),
        ("주문제작/인쇄", "Custom Printing", "定制印刷", leaves(
            "custom",
            ("주문제작 스티커", "Custom Stickers", "定制贴纸"),
            ("주문제작 도장", "Custom Stamps", "定制印章"),
            ("포토북", "Photo Books", "照片书"),
        )),
    ]),
    ("가전디지털", "Electronics", "家电数码", [
        ("대형가전", "Large Appliances", "大家电", [
            ("냉장고", "Refrigerators", "冰箱", leaves(
                "large_appliance",
                ("양문형 냉장고", "Side-by-side Refrigerators", "对开门冰箱"),
                ("일반 냉장고", "Standard Refrigerators", "普通冰箱"),
                ("김치냉장고", "Kimchi Refrigerators", "泡菜冰箱"),
            )),
            ("세탁기/건조기", "Washers & Dryers", "洗衣机与干衣机", leaves(
                "large_appliance",
                ("드럼세탁기", "Front-load Washers", "滚筒洗衣机"),
                ("통돌이세탁기", "Top-load Washers", "波轮洗衣机"),
                ("의류건조기", "Clothes Dryers", "干衣机"),
            )),
            ("TV", "TVs", "电视", leaves(
                "tv",
                ("LED TV", "LED TVs", "LED电视"),
                ("OLED TV", "OLED TVs", "OLED电视"),
            )),
        ]),
        ("계절가전", "Seasonal Appliances", "季节家电", [
            ("에어컨", "Air Conditioners", "空调", "seasonal", {"rfm": False}),
            *leaves(
                "seasonal",
                ("선풍기", "Electric Fans", "电风扇"),
                ("서큘레이터", "Air Circulators", "循环扇"),
                ("전기히터", "Electric Heaters", "电暖器"),
                ("가습기", "Humidifiers", "加湿器"),
                ("제습기", "Dehumidifiers", "除湿机"),
            ),
        ]),
        ("주방가전", "Kitchen Appliances", "厨房电器", leaves(
            "small_appliance",
            ("전기밥솥", "Rice Cookers", "电饭煲"),
            ("전자레인지", "Microwave Ovens", "微波炉"),
            ("에어프라이어", "Air Fryers", "空气炸锅"),
            ("커피머신", "Coffee Machines", "咖啡机"),
            ("전기포트", "Electric Kettles", "电热水壶"),
            ("믹서기", "Blenders", "搅拌机"),
        )),
        ("생활가전", "Home Appliances", "生活电器", leaves(
            "small_appliance",
            ("유선청소기", "Corded Vacuums", "有线吸尘器"),
            ("무선청소기", "Cordless Vacuums", "无线吸尘器"),
            ("로봇청소기", "Robot Vacuums", "扫地机器人"),
            ("다리미", "Irons", "熨斗"),
            ("공기청정기", "Air Purifiers", "空气净化器"),
        )),
        ("컴퓨터/노트북", "Computers", "电脑", [
            ("노트북", "Laptops", "笔记本电脑", "computer"),
            ("데스크탑", "Desktop PCs", "台式电脑", "computer"),
            ("모니터", "Monitors", "显示器", "pc_accessory"),
            ("키보드", "Keyboards", "键盘", "pc_accessory"),
            ("마우스", "Mice", "鼠标", "pc_accessory"),
            ("외장SSD/HDD", "External Drives", "移动硬盘", "storage_device"),
            ("USB메모리", "USB Flash Drives", "U盘", "storage_device"),
        ]),
        ("휴대폰/액세서리", "Mobile Phones & Accessories", "手机与配件", [
            ("스마트폰", "Smartphones", "智能手机", "phone"),
            ("휴대폰 케이스", "Phone Cases", "手机壳", "phone_case"),
            ("충전기/케이블", "Chargers & Cables", "充电器与数据线", "charger"),
            ("보조배터리", "Power Banks", "充电宝", "battery"),
            ("무선이어폰", "Wireless Earbuds", "无线耳机", "audio"),
        ]),
        ("카메라", "Cameras", "相机", [
            ("미러리스 카메라", "Mirrorless Cameras", "微单相机", "camera"),
            ("DSLR", "DSLR Cameras", "单反相机", "camera"),
            ("액션캠", "Action Cameras", "运动相机", "camera"),
            ("필름카메라", "Film Cameras", "胶片相机", "camera", {"status": "DISABLED"}),
        ]),
        ("음향기기", "Audio", "音响设备", leaves(
            "audio",
            ("블루투스 스피커", "Bluetooth Speakers", "蓝牙音箱"),
            ("헤드폰", "Headphones", "头戴式耳机"),
        )),
    ]),
    ("출산/유아동", "Baby & Kids", "母婴", [
        ("기저귀", "Diapers", "纸尿裤", leaves(
            "diaper",
            ("밴드형 기저귀", "Tape Diapers", "腰贴型纸尿裤"),
            ("팬티형 기저귀", "Pull-up Diapers", "拉拉裤"),
            ("수영 기저귀", "Swim Diapers", "游泳纸尿裤"),
        )),
        ("분유/이유식", "Formula & Baby Food", "奶粉辅食", [
            ("분유", "Infant Formula", "婴儿奶粉", "formula"),
            ("이유식", "Baby Food", "婴儿辅食", "baby_food"),
            ("아기 간식", "Baby Snacks", "宝宝零食", "baby_food"),
            ("아기 음료", "Baby Drinks", "宝宝饮品", "baby_food"),
        ]),
        ("유아 위생/목욕", "Baby Hygiene & Bath", "婴儿洗护", [
            ("아기 물티슈", "Baby Wipes", "婴儿湿巾", "paper"),
            ("유아 세제", "Baby Detergents", "婴儿洗涤剂", "household_chem"),
            ("아기 로션", "Baby Lotions", "婴儿润肤乳", "baby_cosmetics"),
            ("유아 칫솔", "Kids' Toothbrushes", "儿童牙刷", "baby_goods"),
        ]),
        ("수유용품", "Feeding", "喂养用品", leaves(
            "baby_goods",
            ("젖병", "Baby Bottles", "奶瓶"),
            ("젖꼭지", "Nipples", "奶嘴"),
            ("유축기", "Breast Pumps", "吸奶器"),
            ("빨대컵", "Sippy Cups", "吸管杯"),
        )),
        ("외출용품", "Strollers & Carriers", "出行用品", [
            ("유모차", "Strollers", "婴儿推车", "stroller"),
            ("카시트", "Car Seats", "安全座椅", "stroller"),
            ("아기띠", "Baby Carriers", "婴儿背带", "baby_goods"),
        ]),
        ("완구", "Toys", "玩具", [
            ("블록/퍼즐", "Blocks & Puzzles", "积木拼图", leaves(
                "toy",
                ("블록", "Building Blocks", "积木"),
                ("퍼즐", "Puzzles", "拼图"),
            )),
            ("인형/피규어", "Dolls & Figures", "玩偶手办", leaves(
                "toy",
                ("봉제인형", "Plush Toys", "毛绒玩具"),
                ("피규어", "Figures", "手办"),
            )),
            ("교육완구", "Educational Toys", "益智玩具", leaves(
                "toy",
                ("원목 교구", "Wooden Learning Toys", "木质教具"),
                ("자석 교구", "Magnetic Learning Toys", "磁力教具"),
            )),
        ]),
        ("유아동 의류", "Kids' Clothing", "童装", leaves(
            "kids_clothing",
            ("유아 상하복", "Baby Outfit Sets", "婴儿套装"),
            ("아동 티셔츠", "Kids' T-shirts", "儿童T恤"),
            ("내복", "Thermal Underwear", "保暖内衣"),
        )),
    ]),
    ("스포츠/레저", "Sports & Outdoors", "运动户外", [
        ("헬스/요가", "Fitness & Yoga", "健身瑜伽", [
            ("요가매트", "Yoga Mats", "瑜伽垫", "sports"),
            ("덤벨", "Dumbbells", "哑铃", "sports"),
            ("폼롤러", "Foam Rollers", "泡沫轴", "sports"),
            ("러닝머신", "Treadmills", "跑步机", "sports_heavy"),
            ("실내자전거", "Exercise Bikes", "动感单车", "sports_heavy"),
        ]),
        ("캠핑", "Camping", "露营", leaves(
            "sports",
            ("텐트", "Tents", "帐篷"),
            ("침낭", "Sleeping Bags", "睡袋"),
            ("캠핑의자", "Camping Chairs", "露营椅"),
            ("캠핑테이블", "Camping Tables", "露营桌"),
            ("랜턴", "Lanterns", "营地灯"),
        )),
        ("자전거", "Cycling", "骑行", [
            ("자전거", "Bicycles", "自行车", "sports_heavy"),
            ("자전거 헬멧", "Bike Helmets", "骑行头盔", "sports"),
            ("자전거 라이트", "Bike Lights", "自行车灯", "sports"),
        ]),
        ("골프", "Golf", "高尔夫", [
            ("골프공", "Golf Balls", "高尔夫球", "golf_ball"),
            ("골프장갑", "Golf Gloves", "高尔夫手套", "sports"),
            ("골프 티", "Golf Tees", "球钉", "golf_ball"),
        ]),
        ("수영", "Swimming", "游泳", [
            ("수영복", "Swimsuits", "泳衣", "clothing"),
            ("수경", "Swim Goggles", "泳镜", "sports"),
            ("수모", "Swim Caps", "泳帽", "sports"),
        ]),
        ("스포츠의류", "Sportswear", "运动服", leaves(
            "clothing",
            ("트레이닝복", "Tracksuits", "运动套装"),
            ("레깅스", "Leggings", "紧身裤"),
            ("기능성 티셔츠", "Performance T-shirts", "速干T恤"),
        )),
    ]),
    ("반려동물용품", "Pet Supplies", "宠物用品", [
        ("강아지", "Dogs", "狗狗", [
            ("강아지 사료/간식", "Dog Food & Treats", "狗粮零食", leaves(
                "pet_food",
                ("건식사료", "Dry Dog Food", "狗干粮"),
                ("습식사료", "Wet Dog Food", "狗湿粮"),
                ("강아지 간식", "Dog Treats", "狗零食"),
            )),
            ("강아지 용품", "Dog Supplies", "狗狗用品", [
                ("배변패드", "Potty Pads", "尿垫", "pet_supplies"),
                ("목줄/하네스", "Leashes & Harnesses", "牵引绳胸背", "pet_supplies"),
                ("강아지 장난감", "Dog Toys", "狗玩具", "pet_supplies"),
                ("강아지 옷", "Dog Clothes", "狗衣服", "pet_supplies"),
            ]),
        ]),
        ("고양이", "Cats", "猫咪", [
            ("고양이 사료/간식", "Cat Food & Treats", "猫粮零食", leaves(
                "pet_food",
                ("건식사료", "Dry Cat Food", "猫干粮"),
                ("습식사료/캔", "Wet Cat Food & Cans", "猫湿粮罐头"),
                ("고양이 간식", "Cat Treats", "猫零食"),
            )),
            ("고양이 용품", "Cat Supplies", "猫咪用品", [
                ("고양이 모래", "Cat Litter", "猫砂", "pet_supplies"),
                ("스크래처", "Scratchers", "猫抓板", "pet_supplies"),
                ("캣타워", "Cat Towers", "猫爬架", "pet_big"),
                ("고양이 장난감", "Cat Toys", "猫玩具", "pet_supplies"),
            ]),
        ]),
        ("관상어/소동물", "Fish & Small Pets", "观赏鱼与小宠", [
            ("어항", "Aquariums", "鱼缸", "pet_big"),
            ("관상어 사료", "Fish Food", "鱼食", "pet_food"),
            ("햄스터 용품", "Hamster Supplies", "仓鼠用品", "pet_supplies"),
        ]),
        ("반려동물 헬스케어", "Pet Healthcare", "宠物保健", [
            ("반려동물 영양제", "Pet Supplements", "宠物营养品", "pet_food"),
            ("구강관리", "Pet Dental Care", "宠物口腔护理", "pet_supplies"),
        ], {"status": "READY"}),
    ]),
    ("홈인테리어", "Home & Furniture", "家居家装", [
        ("가구", "Furniture", "家具", [
            ("침실가구", "Bedroom Furniture", "卧室家具", leaves(
                "furniture",
                ("침대 프레임", "Bed Frames", "床架"),
                ("매트리스", "Mattresses", "床垫"),
                ("옷장", "Wardrobes", "衣柜"),
                ("화장대", "Dressing Tables", "梳妆台"),
            )),
            ("거실가구", "Living Room Furniture", "客厅家具", leaves(
                "furniture",
                ("소파", "Sofas", "沙发"),
                ("거실 테이블", "Coffee Tables", "茶几"),
                ("TV 거실장", "TV Stands", "电视柜"),
            )),
            ("서재/사무가구", "Study & Office Furniture", "书房办公家具", leaves(
                "furniture",
                ("책상", "Desks", "书桌"),
                ("의자", "Chairs", "椅子"),
                ("책장", "Bookcases", "书柜"),
            )),
        ]),
        ("침구", "Bedding", "床上用品", leaves(
            "bedding",
            ("이불", "Duvets", "被子"),
            ("베개", "Pillows", "枕头"),
            ("매트리스 커버", "Mattress Covers", "床笠"),
            ("침대 패드", "Bed Pads", "床垫褥"),
        )),
        ("커튼/블라인드", "Curtains & Blinds", "窗帘百叶", leaves(
            "curtain",
            ("암막커튼", "Blackout Curtains", "遮光窗帘"),
            ("블라인드", "Blinds", "百叶窗"),
        )),
        ("인테리어소품", "Home Decor", "家居饰品", leaves(
            "decor",
            ("액자", "Picture Frames", "相框"),
            ("캔들/디퓨저", "Candles & Diffusers", "香薰蜡烛"),
            ("벽시계", "Wall Clocks", "挂钟"),
            ("조화", "Artificial Flowers", "仿真花"),
        )),
        ("조명", "Lighting", "照明", leaves(
            "lighting",
            ("LED 스탠드", "LED Desk Lamps", "LED台灯"),
            ("무드등", "Mood Lights", "氛围灯"),
            ("전구", "Light Bulbs", "灯泡"),
        )),
    ]),
    ("문구/오피스", "Stationery & Office", "文具办公", [
        ("필기구", "Writing Instruments", "书写工具", leaves(
            "stationery",
            ("볼펜", "Ballpoint Pens", "圆珠笔"),
            ("연필", "Pencils", "铅笔"),
            ("형광펜", "Highlighters", "荧光笔"),
        )),
        ("노트/다이어리", "Notebooks & Planners", "笔记本与手账", leaves(
            "stationery",
            ("노트", "Notebooks", "笔记本"),
            ("다이어리", "Planners", "手账"),
            ("포스트잇", "Sticky Notes", "便利贴"),
        )),
        ("사무용품", "Office Supplies", "办公用品", leaves(
            "stationery",
            ("파일/바인더", "Files & Binders", "文件夹"),
            ("스테이플러", "Staplers", "订书机"),
            ("계산기", "Calculators", "计算器"),
        )),
    ]),
]  # fmt: skip


# ---------------------------------------------------------------- writing


def _digest(text: str, salt: str) -> int:
    return int(hashlib.sha256(f"{salt}:{text}".encode()).hexdigest(), 16)


def build() -> list[Json]:
    used = set(PINNED.values())
    out: list[Json] = []
    seen_paths: set[str] = set()

    def code_for(path: str) -> int:
        if path in PINNED:
            return PINNED[path]
        code = 10000 + _digest(path, "code") % 90000
        while code in used:
            code = 10000 + (code - 10000 + 1) % 90000
        used.add(code)
        return code

    def walk(nodes: list[tuple[Any, ...]], parent: int, prefix: str, depth: int) -> None:
        for position, entry in enumerate(nodes):
            ko, en, zh, body = entry[:4]
            options: dict[str, Any] = entry[4] if len(entry) > 4 else {}
            path = f"{prefix}/{ko}" if prefix else ko
            if path in seen_paths:
                raise SystemExit(f"duplicate path {path}")
            seen_paths.add(path)
            code = code_for(path)
            node: Json = {
                "code": code,
                "parent": parent,
                "name": ko,
                "names": {"en": en, "zh-CN": zh},
                "status": options.get("status", "ACTIVE"),
                "depth": depth,
                "position": position,
                "categoryId": None,
                "rfm": False,
                "cgf": False,
                "meta": None,
            }
            out.append(node)
            if isinstance(body, str):
                template, rfm, cgf = PROFILES[body]
                node["rfm"] = options.get("rfm", rfm)
                node["cgf"] = options.get("cgf", cgf)
                node["categoryId"] = 1000 + _digest(path, "category") % 9000
                node["meta"] = template
            else:
                walk(body, code, path, depth + 1)

    walk(TREE, 0, "", 1)
    missing = set(PINNED) - seen_paths
    if missing:
        raise SystemExit(f"pinned paths not in the tree: {sorted(missing)}")
    return out


def main() -> None:
    nodes = build()
    document = {
        "format": "rocketgrowth-categories/1",
        "generator": "scripts/gen_categories.py",
        "nodes": nodes,
    }
    text = json.dumps(document, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(text + "\n", encoding="utf-8")
    leaf_count = sum(1 for n in nodes if n["meta"] is not None)
    sys.stdout.write(f"wrote {OUT} ({len(text.encode()) / 1024:.0f} KiB): {len(nodes)} nodes, {leaf_count} leaves\n")


if __name__ == "__main__":
    main()
