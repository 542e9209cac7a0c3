//! Rolling statistics over tide-gauge readings.
//!
//! A [`Window`] keeps the last `capacity` readings (in centimetres) and
//! answers mean / min / max / trend questions; [`parse_reading`] turns
//! `"HH:MM value"` lines into [`Reading`]s.

use std::collections::VecDeque;
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Reading {
    /// Minutes since midnight.
    pub minute: u32,
    /// Height in centimetres above chart datum.
    pub height_cm: i32,
}

#[derive(Debug, PartialEq)]
pub enum ParseError {
    MissingField,
    BadTime(String),
    BadHeight(String),
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParseError::MissingField => write!(f, "expected `HH:MM height`"),
            ParseError::BadTime(t) => write!(f, "bad time {t:?}"),
            ParseError::BadHeight(h) => write!(f, "bad height {h:?}"),
        }
    }
}

/// Parses a line such as `"04:12 183"` (time, height in cm).
pub fn parse_reading(line: &str) -> Result<Reading, ParseError> {
    let mut fields = line.split_whitespace();
    let time = fields.next().ok_or(ParseError::MissingField)?;
    let height = fields.next().ok_or(ParseError::MissingField)?;
    let (h, m) = time
        .split_once(':')
        .ok_or_else(|| ParseError::BadTime(time.to_string()))?;
    let hours: u32 = h.parse().map_err(|_| ParseError::BadTime(time.to_string()))?;
    let minutes: u32 = m.parse().map_err(|_| ParseError::BadTime(time.to_string()))?;
    if hours > 23 || minutes > 59 {
        return Err(ParseError::BadTime(time.to_string()));
    }
    let height_cm = height
        .parse()
        .map_err(|_| ParseError::BadHeight(height.to_string()))?;
    Ok(Reading { minute: hours * 60 + minutes, height_cm })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trend {
    Rising,
    Falling,
    Slack,
}

/// A fixed-size window over the most recent readings.
pub struct Window {
    capacity: usize,
    readings: VecDeque<Reading>,
}

impl Window {
    pub fn new(capacity: usize) -> Self {
        assert!(capacity > 0, "window capacity must be positive");
        Window { capacity, readings: VecDeque::with_capacity(capacity) }
    }

    /// Adds a reading, dropping the oldest one when the window is full.
    /// Returns the dropped reading, if any.
    pub fn push(&mut self, reading: Reading) -> Option<Reading> {
        let dropped = if self.readings.len() == self.capacity {
            self.readings.pop_front()
        } else {
            None
        };
        self.readings.push_back(reading);
        dropped
    }

    pub fn len(&self) -> usize {
        self.readings.len()
    }

    pub fn is_empty(&self) -> bool {
        self.readings.is_empty()
    }

    pub fn mean(&self) -> Option<f64> {
        if self.readings.is_empty() {
            return None;
        }
        let sum: i64 = self.readings.iter().map(|r| r.height_cm as i64).sum();
        Some(sum as f64 / self.readings.len() as f64)
    }

    pub fn min(&self) -> Option<i32> {
        self.readings.iter().map(|r| r.height_cm).min()
    }

    pub fn max(&self) -> Option<i32> {
        self.readings.iter().map(|r| r.height_cm).max()
    }

    /// Rising or falling when the level moved more than `slack_cm`
    /// between the oldest and the newest reading in the window.
    pub fn trend(&self, slack_cm: i32) -> Trend {
        match (self.readings.front(), self.readings.back()) {
            (Some(first), Some(last)) => {
                let delta = last.height_cm - first.height_cm;
                if delta > slack_cm {
                    Trend::Rising
                } else if delta < -slack_cm {
                    Trend::Falling
                } else {
                    Trend::Slack
                }
            }
            _ => Trend::Slack,
        }
    }

    /// Rate of change in cm per hour between the oldest and newest reading.
    pub fn rate_cm_per_hour(&self) -> Option<f64> {
        let first = self.readings.front()?;
        let last = self.readings.back()?;
        if last.minute == first.minute {
            return None;
        }
        let minutes = if last.minute > first.minute {
            last.minute - first.minute
        } else {
            // the window spans midnight
            last.minute + 24 * 60 - first.minute
        };
        Some((last.height_cm - first.height_cm) as f64 * 60.0 / minutes as f64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(minute: u32, height_cm: i32) -> Reading {
        Reading { minute, height_cm }
    }

    #[test]
    fn parses_a_line() {
        assert_eq!(parse_reading("04:12 183"), Ok(r(252, 183)));
    }

    #[test]
    fn rejects_bad_lines() {
        assert_eq!(parse_reading("04:12"), Err(ParseError::MissingField));
        assert_eq!(parse_reading("0412 10"), Err(ParseError::BadTime("0412".into())));
        assert_eq!(parse_reading("25:00 10"), Err(ParseError::BadTime("25:00".into())));
        assert_eq!(parse_reading("01:00 high"), Err(ParseError::BadHeight("high".into())));
    }

    #[test]
    fn window_drops_oldest() {
        let mut w = Window::new(2);
        assert_eq!(w.push(r(0, 10)), None);
        assert_eq!(w.push(r(10, 20)), None);
        assert_eq!(w.push(r(20, 30)), Some(r(0, 10)));
        assert_eq!(w.len(), 2);
        assert_eq!(w.mean(), Some(25.0));
    }

    #[test]
    fn empty_window() {
        let w = Window::new(3);
        assert!(w.is_empty());
        assert_eq!(w.mean(), None);
        assert_eq!(w.trend(5), Trend::Slack);
    }
}
