//! Enum choices serde accepts under other names, made visible to the JSON Schemas.

use schemars::Schema;
use serde_json::Value;

/// A schemars transform for an enum variant that serde also accepts under other names
/// (`#[serde(alias = …)]`, which schemars does not see): the variant's `const` becomes an
/// `enum` of its name and the aliases.
pub fn aliases(names: &'static [&'static str]) -> impl FnMut(&mut Schema) {
    move |schema: &mut Schema| {
        let Some(obj) = schema.as_object_mut() else {
            return;
        };
        let Some(name) = obj.remove("const") else {
            return;
        };
        let mut all = vec![name];
        all.extend(names.iter().map(|n| Value::from(*n)));
        obj.insert("enum".into(), Value::Array(all));
    }
}
