"""HTML loader: a saved government web page -> the article's lines, the page's metadata."""

from __future__ import annotations

import pytest

from checker.errors import InputError
from checker.load import load
from checker.load.html import declared_charset, decode_html, metadata_pairs
from checker.packs import load_packs
from checker.pipeline import check_file
from checker.score import Gate

TITLE = "青石县人民政府关于2024年度法治政府建设情况的报告"

# The article as it should come out, line by line (our own made-up report).
ARTICLE = [
    TITLE,
    "2024年，青石县坚持以习近平法治思想为指导，统筹推进法治政府建设各项工作。现将有关情况报告如下：",
    "一、2024年度推进法治政府建设的主要举措和成效",
    "（一）严格规范公正文明执法",
    "全面落实行政执法“三项制度”：全县32个执法单位在统一平台公示执法信息，配备执法记录仪410台，"
    "实现执法全过程记录，重大执法决定法制审核率100%。",
    "（二）依法化解行政争议",
    "全年收到行政复议申请64件，受理58件，审结51件，直接纠错7件，纠错率13.7%。",
    "全县行政诉讼一审案件37件，败诉2件，败诉率5.4%，行政机关负责人出庭应诉率100%。",
    "二、党政主要负责人履行推进法治建设第一责任人职责情况",
    "县委、县政府主要负责人认真履行推进法治建设第一责任人职责，全年主持召开专题会议6次，组织会前学法12次。",
    "三、推进法治政府建设存在的不足和原因",
    "一是部分执法人员业务能力不足；二是基层法治力量薄弱。究其原因，主要是培训机制不健全、编制保障不够。",
    "四、2025年推进法治政府建设的主要安排",
    "2025年，我县将继续深化法治政府建设：一是完善重大行政决策程序；二是加强执法人员培训。",
]


def government_page(charset: str = "utf-8") -> str:
    """A page imitating a county government site: menus, breadcrumb, metadata table, toolbars, footer."""
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="{charset}">
<title>{TITLE}_青石县人民政府</title>
<meta name="PubDate" content="2025-02-27 09:30">
<style>.nav {{ color: #c00; }} .TRS_Editor p {{ text-indent: 2em; }}</style>
<script>var crumb = "当前位置：首页"; document.write("<p>脚本写出的文字</p>");</script>
</head>
<body>
<div class="header">
  <div class="logo">青石县人民政府</div>
  <ul class="nav-menu">
    <li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/hdjl/">互动交流</a></li>
  </ul>
</div>
<div class="main-content">
  <div class="breadcrumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; 法治政府建设</div>
  <table class="xxgk-table">
    <tr><td>索引号：</td><td>11330000/2025-00017</td><td>发布机构：</td><td>青石县人民政府</td></tr>
    <tr><td>发布日期：</td><td>2025-02-28</td><td>信息来源：</td><td>青石县司法局</td></tr>
  </table>
  <h1 class="article-title">{TITLE}</h1>
  <div class="fontsize">字号：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a></div>
  <div class="TRS_Editor">
    <p>&nbsp;&nbsp;　　{ARTICLE[1]}</p>
    <p><strong>{ARTICLE[2]}</strong></p>
    <h3>{ARTICLE[3]}</h3>
    <p>　　全面落实行政执法“三项制度”：全县32个执法单位在统一平台公示执法信息，
    配备执法记录仪410台，实现执法全过程记录，重大执法决定法制审核率100%。</p>
    <h3>{ARTICLE[5]}</h3>
    <p>　　{ARTICLE[6]}<br>　　{ARTICLE[7]}</p>
    <p><strong>{ARTICLE[8]}</strong></p>
    <p>　　{ARTICLE[9]}</p>
    <p><strong>{ARTICLE[10]}</strong></p>
    <p>　　{ARTICLE[11]}</p>
    <p><strong>{ARTICLE[12]}</strong></p>
    <p>　　{ARTICLE[13]}&nbsp;</p>
  </div>
  <div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a> <a href="#">QQ空间</a></div>
  <div class="ewm"><img src="qr.png" alt="二维码"><p>扫一扫在手机打开当前页</p></div>
  <div class="btns">【<a href="javascript:window.print()">打印本页</a>】
    【<a href="javascript:window.close()">关闭窗口</a>】</div>
  <div class="xgxx"><h4>相关信息</h4>
    <ul><li><a href="/a.html">青石县2023年度法治政府建设情况的报告</a></li>
        <li><a href="/b.html">关于开展行政执法案卷评查的通知</a></li></ul></div>
</div>
<div class="footer">
  <p>主办单位：青石县人民政府办公室</p>
  <p>网站标识码：3300000017　浙ICP备00000000号</p>
</div>
</body>
</html>
"""


def write_page(tmp_path, text: str, encoding: str = "utf-8", name: str = "报告.html"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


@pytest.fixture(params=[("utf-8", "utf-8"), ("gbk", "gbk"), ("gb2312", "gbk")], ids=["utf8", "gbk", "gb2312"])
def page_path(request, tmp_path):
    declared, codec = request.param
    return write_page(tmp_path, government_page(declared), codec)


def test_only_the_article_lines_remain_in_order(page_path):
    raw = load(str(page_path))
    assert raw.kind == "html"
    assert raw.text.split("\n") == ARTICLE


def test_gbk_page_is_read_with_the_declared_charset_widened(tmp_path):
    raw = load(str(write_page(tmp_path, government_page("gbk"), "gbk")))
    assert raw.encoding == "gb18030"


def test_page_metadata_is_kept(page_path):
    meta = load(str(page_path)).meta
    assert meta["published"] == "2025-02-28"  # the page's row wins over <meta name="PubDate">
    assert meta["issuer"] == "青石县人民政府"
    assert meta["source"] == "青石县司法局"
    assert meta["index_no"] == "11330000/2025-00017"
    assert meta["page_title"] == f"{TITLE}_青石县人民政府"


def test_headings_and_locations_come_from_the_markup(page_path):
    blocks = load(str(page_path)).blocks
    levels = {b.text: b.heading_level for b in blocks}
    assert levels[TITLE] == 1
    assert levels[ARTICLE[3]] == 3
    assert levels[ARTICLE[1]] is None
    assert [b.location for b in blocks[:3]] == ["第 1 段", "第 2 段", "第 3 段"]
    assert all("\n" not in b.text for b in blocks)


def test_full_pipeline_on_the_page_finds_the_parts(page_path):
    result = check_file(str(page_path), load_packs(["national"]), Gate())
    status = {f.rule: f.status for f in result.findings}
    for rule in ("part.measures", "part.leader-duty", "part.shortcomings", "part.next-year"):
        assert status[rule] == "pass", rule
    assert status["enforcement.three-systems"] == "pass"
    assert status["meta.published-on-time"] == "pass"  # 2025-02-28 is before 1 April
    assert result.document.title == TITLE
    assert result.document.report_year == 2024
    measures = next(f for f in result.findings if f.rule == "part.measures")
    assert measures.evidence and measures.evidence[0].location.endswith("段")


def test_pubdate_meta_tag_is_used_when_the_page_shows_no_date(tmp_path):
    page = government_page().replace("<td>发布日期：</td><td>2025-02-28</td>", "")
    assert load(str(write_page(tmp_path, page))).meta["published"] == "2025-02-27"


def test_without_an_article_class_the_densest_block_is_the_article(tmp_path):
    page = government_page().replace('class="TRS_Editor"', 'class="box"').replace("main-content", "wrap")
    lines = load(str(write_page(tmp_path, page))).text.split("\n")
    assert lines[0] == TITLE
    assert lines[1:] == ARTICLE[1:]


def test_title_from_a_title_div_is_the_first_line(tmp_path):
    page = government_page().replace('<h1 class="article-title">', '<div class="title">').replace("</h1>", "</div>")
    raw = load(str(write_page(tmp_path, page)))
    assert raw.text.split("\n")[0] == TITLE
    assert raw.blocks[0].heading_level is None


def test_title_inside_the_article_is_not_repeated(tmp_path):
    page = government_page().replace('<div class="TRS_Editor">', f'<div class="TRS_Editor"><p>{TITLE}</p>')
    assert load(str(write_page(tmp_path, page))).text.split("\n") == ARTICLE


def test_gb2312_declared_but_utf8_bytes_are_read_as_utf8(tmp_path):
    raw = load(str(write_page(tmp_path, government_page("gb2312"), "utf-8")))
    assert raw.encoding == "utf-8"
    assert raw.text.split("\n") == ARTICLE


def test_undeclared_gbk_page_is_detected(tmp_path):
    page = government_page().replace('<meta charset="utf-8">', "")
    raw = load(str(write_page(tmp_path, page, "gbk")))
    assert raw.text.split("\n") == ARTICLE


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b'<meta charset="GB2312">', "gb18030"),
        (b'<meta http-equiv="Content-Type" content="text/html; charset=gbk">', "gb18030"),
        (b"<meta charset=utf-8>", "utf-8"),
        (b'<?xml version="1.0" encoding="GBK"?><html>', "gb18030"),
        (b'<meta charset="no-such-codec">', None),
        (b"<html><body>", None),
    ],
)
def test_declared_charset(head, expected):
    assert declared_charset(head) == expected


def test_utf8_bom_wins(tmp_path):
    text, encoding = decode_html("p.html", b"\xef\xbb\xbf" + government_page("gbk").encode("utf-8"))
    assert encoding == "utf-8"
    assert not text.startswith("\ufeff")


def test_table_cells_are_separated_on_one_line(tmp_path):
    table = "<table><tr><td>复议申请</td><td>64件</td></tr><tr><td>纠错</td><td>7件</td></tr></table>"
    page = government_page().replace(f"<p>　　{ARTICLE[9]}</p>", f"<p>　　{ARTICLE[9]}</p>{table}")
    lines = load(str(write_page(tmp_path, page))).text.split("\n")
    assert "复议申请 | 64件" in lines
    assert "纠错 | 7件" in lines


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "发布时间：2025年2月28日 10:21 来源：青石县司法局 浏览次数：123",
            {"published": "2025-02-28", "source": "青石县司法局"},
        ),
        (
            "【发文机关：青石县人民政府】【成文日期：2025-02-20】",
            {"issuer": "青石县人民政府", "written": "2025-02-20"},
        ),
        (
            "索引号：\x00 11330000/2025-00017 \x00 发布机构：\x00 青石县司法局",  # \x00 separates table cells
            {"index_no": "11330000/2025-00017", "issuer": "青石县司法局"},
        ),
        ("本项资金来源：县级财政", {}),  # 来源 inside a sentence is not a metadata key
    ],
)
def test_metadata_pairs(line, expected):
    assert dict(metadata_pairs(line)) == expected


def test_deeply_nested_unclosed_tags_do_not_overflow(tmp_path):
    page = f"<html><body><h1>{TITLE}</h1>" + "<font>" * 5000 + "<p>" + ARTICLE[1] + "</p></body></html>"
    assert load(str(write_page(tmp_path, page))).text.split("\n") == ARTICLE[:2]


@pytest.mark.parametrize(
    "page",
    [
        "<html><head><title></title></head><body></body></html>",
        "<html><body><script>var a = '法治政府建设';</script><div class='nav'><a href='/'>首页</a></div></body></html>",
    ],
)
def test_page_without_text_is_refused(tmp_path, page):
    with pytest.raises(InputError) as info:
        load(str(write_page(tmp_path, page)))
    assert info.value.problem == "网页中没有找到正文"


# --- hidden text is not content -------------------------------------------------------------------


@pytest.mark.parametrize(
    "hiding",
    ['style="display:none"', 'style="color:red; DISPLAY: none !important"', 'style="visibility:hidden"', "hidden"],
)
def test_hidden_elements_are_not_read(tmp_path, hiding):
    page = (
        "<html><body><div class='TRS_Editor'>"
        f"<p>{ARTICLE[1]}</p><p {hiding}>三、推进法治政府建设存在的不足和原因</p>"
        f"<p>{ARTICLE[9]}<span {hiding}>隐藏的文字</span></p></div></body></html>"
    )
    lines = [b.text for b in load(str(write_page(tmp_path, page))).blocks]
    assert lines == [ARTICLE[1], ARTICLE[9]]


def test_display_block_is_read(tmp_path):
    page = f"<html><body><div class='content'><p style='display:block'>{ARTICLE[1]}</p></div></body></html>"
    assert [b.text for b in load(str(write_page(tmp_path, page))).blocks] == [ARTICLE[1]]


def test_hidden_part_headings_do_not_make_parts(tmp_path):
    hidden = "".join(f"<div style='display:none'><p>{line}</p></div>" for line in ARTICLE[12:14])
    visible = "".join(f"<p>{line}</p>" for line in ARTICLE[1:12])
    page = (
        f"<html><head><title>{TITLE}</title></head><body><div class='TRS_Editor'>{visible}{hidden}</div></body></html>"
    )
    result = check_file(str(write_page(tmp_path, page)), load_packs(["national"]), Gate())
    verdicts = {f.rule: f.status for f in result.findings}
    assert verdicts["part.shortcomings"] == "pass"
    assert verdicts["part.next-year"] == "fail"


def test_stale_table_of_contents_on_a_page_does_not_make_parts(tmp_path):
    toc = "".join(
        f"<p>{heading}………………{page}</p>" for page, heading in ((1, ARTICLE[2]), (5, ARTICLE[10]), (7, ARTICLE[12]))
    )
    body = "".join(f"<p>{line}</p>" for line in ARTICLE[1:10])
    article = f"<div class='TRS_Editor'><p>目 录</p>{toc}{body}</div>"
    page = f"<html><head><title>{TITLE}</title></head><body>{article}</body></html>"
    result = check_file(str(write_page(tmp_path, page)), load_packs(["national"]), Gate())
    verdicts = {f.rule: f.status for f in result.findings}
    assert verdicts["part.shortcomings"] == "fail"
    assert verdicts["part.next-year"] == "fail"
