use tidewindow::{parse_reading, Trend, Window};

const MORNING: &str = "\
03:00 120
03:30 141
04:00 163
04:30 178
05:00 183
05:30 181
";

#[test]
fn rising_tide_from_text() {
    let mut w = Window::new(4);
    for line in MORNING.lines() {
        w.push(parse_reading(line).expect("valid line"));
    }
    assert_eq!(w.len(), 4);
    assert_eq!(w.min(), Some(163));
    assert_eq!(w.max(), Some(183));
    assert_eq!(w.trend(5), Trend::Rising);
    let rate = w.rate_cm_per_hour().unwrap();
    assert!((rate - 12.0).abs() < 1e-9, "rate was {rate}");
}

#[test]
fn falling_and_slack() {
    let mut w = Window::new(3);
    for (minute, h) in [(600, 200), (630, 150), (660, 90)] {
        w.push(tidewindow::Reading { minute, height_cm: h });
    }
    assert_eq!(w.trend(5), Trend::Falling);
    let mut slack = Window::new(2);
    slack.push(tidewindow::Reading { minute: 0, height_cm: 50 });
    slack.push(tidewindow::Reading { minute: 30, height_cm: 52 });
    assert_eq!(slack.trend(5), Trend::Slack);
}

#[test]
fn error_messages() {
    let err = parse_reading("xx:00 1").unwrap_err();
    assert_eq!(err.to_string(), "bad time \"xx:00\"");
}
