"""Unit tests for the repair of Material's invalid markup (mkdocs_playbook.core.material_markup)."""

from __future__ import annotations

from mkdocs_playbook.core.material_markup import TOGGLES_FORM, TOGGLES_FORM_ID, fix_material_markup

BODY = (
    '<body dir="ltr">\n'
    '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer"'
    ' autocomplete="off">\n'
    '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search"'
    ' autocomplete="off">\n'
    '<label class="md-overlay" for="__drawer"></label>\n'
)


def test_toggles_are_tied_to_one_autocomplete_off_form_placed_before_them() -> None:
    fixed = fix_material_markup(BODY)
    assert 'autocomplete="off"' not in fixed.replace(TOGGLES_FORM, "")
    assert fixed.count(TOGGLES_FORM) == 1
    assert fixed.count(f'form="{TOGGLES_FORM_ID}"') == 2
    assert fixed.index(TOGGLES_FORM) < fixed.index('id="__drawer"')
    assert 'autocomplete="off" hidden' in TOGGLES_FORM


def test_attribute_order_does_not_matter() -> None:
    """mermaid2 re-serialises pages with diagrams through BeautifulSoup, sorting attributes."""
    sorted_attributes = (
        '<input autocomplete="off" class="md-toggle" data-md-toggle="drawer" id="__drawer"'
        ' type="checkbox"/>'
    )
    fixed = fix_material_markup(sorted_attributes)
    assert fixed == (
        f'{TOGGLES_FORM}<input form="{TOGGLES_FORM_ID}" class="md-toggle" data-md-toggle="drawer"'
        ' id="__drawer" type="checkbox"/>'
    )


def test_empty_tabindex_is_dropped_and_real_ones_kept() -> None:
    html = '<label for="a" tabindex="">A</label><label for="b" tabindex="0">B</label>'
    fixed = '<label for="a">A</label><label for="b" tabindex="0">B</label>'
    assert fix_material_markup(html) == fixed


def test_other_inputs_and_text_are_left_alone() -> None:
    html = (
        '<input type="text" name="q" autocomplete="off">'
        '<input class="md-nav__toggle md-toggle" type="checkbox" id="__nav_2">'
        '<p>write autocomplete="off" or tabindex="" in prose</p>'
    )
    assert fix_material_markup(html) == html


def test_fixing_twice_changes_nothing() -> None:
    once = fix_material_markup(BODY)
    assert fix_material_markup(once) == once


SECTION = (
    '<label class="md-nav__link " for="__nav_5" id="__nav_5_label">'
    '<span class="md-nav__icon md-icon"></span></label></div>\n'
    '<nav class="md-nav" data-md-level="1" aria-labelledby="__nav_5_label" aria-expanded="false">'
    '\n  <label class="md-nav__title" for="__nav_5"><span class="md-nav__icon md-icon"></span>'
    "\n    Fundamentals\n  </label>"
)


def test_a_section_nav_is_named_by_its_title_not_by_an_icon_only_label() -> None:
    fixed = fix_material_markup(SECTION)
    assert 'aria-labelledby="__nav_5_title"' in fixed
    assert '<label class="md-nav__title" id="__nav_5_title" for="__nav_5">' in fixed
    assert 'id="__nav_5_label"' in fixed, "the toggle's own label stays"
    assert fix_material_markup(fixed) == fixed


def test_a_table_of_contents_title_without_its_toggle_labels_nothing() -> None:
    title = '<label class="md-nav__title" for="__toc">Table of contents</label>'
    assert fix_material_markup(title) == '<label class="md-nav__title">Table of contents</label>'
    with_toggle = '<input class="md-nav__toggle md-toggle" type="checkbox" id="__toc">' + title
    assert 'for="__toc"' in fix_material_markup(with_toggle)
