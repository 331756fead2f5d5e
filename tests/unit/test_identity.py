"""The buyer's ID on the sales contract is checked by its type before anything is signed
(T/CSCA 120031-2023 4.3.3; 办法 art. 15: the buyer's identity is stated in the contract;
domain_reference §4.1, §5): a mistyped number is refused with a code the form shows beside
the field, a valid one is stored in one normal form."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from stdnum.cn import ric

from app.core.errors import ValidationFailed
from app.sales.identity import ID_TYPES, normalise_id


def _code(id_type: str, raw: str) -> str:
    with pytest.raises(ValidationFailed) as e:
        normalise_id(id_type, raw)
    (err,) = e.value.errors
    return f"{err.field}:{err.code}"


def test_resident_id_is_checked_with_its_gb11643_check_character():
    assert normalise_id("resident_id", " 11010519491231002x ") == "11010519491231002X"
    assert _code("resident_id", "110105194912310021") == "buyer_id:ric_checksum"
    assert _code("resident_id", "1101051949123100") == "buyer_id:ric_length"
    assert _code("resident_id", "") == "buyer_id:required"


def test_full_width_digits_from_a_chinese_input_method_count():
    assert normalise_id("resident_id", "１１０１０５１９４９１２３１００２Ｘ") == "11010519491231002X"


def test_business_licence_is_a_unified_social_credit_code():
    """A company buyer: 营业执照's 统一社会信用代码 (GB 32100), checked by stdnum cn.uscc."""
    assert normalise_id("business_licence", "91310000ma1fl8l46q") == "91310000MA1FL8L46Q"
    assert _code("business_licence", "91310000MA1FL8L46A") == "buyer_id:uscc_checksum"
    assert _code("business_licence", "91310000MA1FL8L4") == "buyer_id:uscc_length"


def test_passport_takes_letters_and_digits():
    assert normalise_id("passport", "e1234 5678") == "E12345678"
    assert _code("passport", "E12") == "buyer_id:passport_format"
    assert _code("passport", "E123/45678") == "buyer_id:passport_format"


def test_residence_permit_of_hong_kong_macao_taiwan_residents():
    """港澳台居民居住证: 810000/820000/830000 + the resident-ID layout and check character."""
    assert normalise_id("residence_permit", "810000199001011230") == "810000199001011230"
    assert _code("residence_permit", "810000199001011231") == "buyer_id:residence_permit_checksum"
    assert _code("residence_permit", "310000199001011230") == "buyer_id:residence_permit_format"
    body = "83000019901301123"  # month 13
    assert _code("residence_permit", body + ric.calc_check_digit(body + "0")) == (
        "buyer_id:residence_permit_birth_date"
    )


def test_permanent_residence_card_new_and_old_forms():
    """外国人永久居留身份证: the 2023 card (18 digits starting with 9, GB 11643 check) and the
    older 15-character card (3 letters + 12 digits) are both still in use."""
    assert normalise_id("permanent_residence", "912345199001011235") == "912345199001011235"
    assert _code("permanent_residence", "912345199001011236") == "buyer_id:permanent_residence_checksum"
    assert normalise_id("permanent_residence", "usa310012345678") == "USA310012345678"
    assert _code("permanent_residence", "US3100123456789") == "buyer_id:permanent_residence_format"


def test_unknown_type_is_named_on_the_type_field():
    assert _code("driving_licence", "11010519491231002X") == "buyer_id_type:unknown_value"


@given(st.sampled_from(ID_TYPES), st.text(max_size=30))
def test_any_input_is_either_normalised_or_refused_with_a_field_error(id_type, raw):
    try:
        out = normalise_id(id_type, raw)
    except ValidationFailed as e:
        assert [err.field for err in e.errors] == ["buyer_id"]
    else:
        assert out == out.strip().upper() and " " not in out
