pub mod helpers;
pub mod orders;
pub mod reports;
pub mod users;
