from tidelib.report import daily_report, tide_table


def test_plain_table(sample_readings):
    text = tide_table(sample_readings)
    assert text.splitlines() == [
        "time              tide  height",
        "----------------  ----  -------",
        "2024-05-01 04:00  HIGH  +2.52 m",
        "2024-05-01 10:00  LOW   +0.38 m",
        "2024-05-01 15:00  HIGH  +2.61 m",
    ]


def test_markdown_table(sample_readings):
    lines = tide_table(sample_readings, style="markdown").splitlines()
    assert lines[0] == "| time | tide | height |"
    assert lines[2] == "| 2024-05-01 04:00 | HIGH | +2.52 m |"


def test_daily_report(sample_readings):
    assert daily_report(sample_readings) == "2024-05-01  low +0.38 m  high +2.61 m  (18 readings)"
