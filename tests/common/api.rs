//! The preview's JSON API called as the forms call it: the run's token,
//! the preview's own Origin, JSON bodies.

use serde_json::Value;

use super::server::{Server, send, token};

pub struct Api {
    pub port: u16,
    pub token: String,
    pub origin: String,
}

impl Api {
    pub fn new(s: &Server) -> Api {
        Api {
            port: s.port,
            token: token(s.port),
            origin: format!("http://127.0.0.1:{}", s.port),
        }
    }

    pub fn call(
        &self,
        method: &str,
        path: &str,
        extra: &[(&str, &str)],
        body: &Value,
    ) -> (u16, Value) {
        let mut headers = vec![
            ("X-Chibo-Token", self.token.as_str()),
            ("Origin", self.origin.as_str()),
            ("Content-Type", "application/json"),
        ];
        headers.extend_from_slice(extra);
        let body = if body.is_null() {
            Vec::new()
        } else {
            body.to_string().into_bytes()
        };
        let r = send(
            self.port,
            method,
            &format!("/__chibo/api/{path}"),
            &headers,
            &body,
        );
        let v = serde_json::from_str(&r.body).unwrap_or(Value::String(r.body.clone()));
        (r.status, v)
    }

    pub fn entries(&self) -> Vec<Value> {
        let (status, v) = self.call("GET", "entries", &[], &Value::Null);
        assert_eq!(status, 200, "{v}");
        v.as_array().unwrap().clone()
    }
}
