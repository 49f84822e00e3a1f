"""Vietnamese slugs, alphabetical order and dates."""

from __future__ import annotations

from sotay.model import PartialDate
from sotay.text import fold, slugify, sort_key


def test_slug_keeps_every_letter() -> None:
    assert slugify("Điều lệ Đảng") == "dieu-le-dang"
    assert slugify("Sinh hoạt chuyên đề: “Chi bộ 4 tốt”") == "sinh-hoat-chuyen-de-chi-bo-4-tot"
    assert slugify("Đảng uỷ") == slugify("Đảng ủy") == "dang-uy"


def test_fold_removes_marks_and_d_stroke() -> None:
    assert fold("ĐẢNG ỦY Hòa Bình") == "dang uy hoa binh"


def test_vietnamese_alphabetical_order() -> None:
    words = ["đảng", "dân", "ăn", "an", "bộ", "âm", "ê", "e", "ơn", "ôn", "on", "ưu", "uy", "chi", "cao"]
    assert sorted(words, key=sort_key) == [
        "an", "ăn", "âm", "bộ", "cao", "chi", "dân", "đảng", "e", "ê", "on", "ôn", "ơn", "uy", "ưu",
    ]


def test_numbers_sort_by_value() -> None:
    assert sorted(["Kế hoạch 121", "Kế hoạch 47", "Chỉ thị 05", "Chỉ thị 10"], key=sort_key) == [
        "Chỉ thị 05", "Chỉ thị 10", "Kế hoạch 47", "Kế hoạch 121"]


def test_digits_int_cannot_read_sort_as_characters() -> None:
    """'²', '٣' and '①' are digits to str.isdigit() but not numbers to int(): they sort, they never raise."""
    names = ["Ban ²", "Ban 2", "Ban ٣", "Ban ①", "Ban 10"]
    ordered = sorted(names, key=sort_key)
    assert ordered[:2] == ["Ban 2", "Ban 10"] and set(ordered) == set(names)


def test_tones_order_equal_letters() -> None:
    assert sorted(["má", "mạ", "mà", "mã", "ma", "mả"], key=sort_key) == ["ma", "mà", "mả", "mã", "má", "mạ"]
    assert sorted(["Hòa Bình", "Hà Nội", "Huế"], key=sort_key) == ["Hà Nội", "Hòa Bình", "Huế"]


def test_dates_read_day_month_year() -> None:
    assert PartialDate(2018, 7, 6).vietnamese() == "06/07/2018"
    assert PartialDate(2022, 11).vietnamese() == "11/2022"
    assert PartialDate(2017).vietnamese() == "2017"
    assert PartialDate(2018, 7, 6).iso() == "2018-07-06"
