//! End-to-end tests of Sujarit against a real nats-server (started on a random port with
//! JetStream in a temp dir) and real sled stores in temp dirs. One test binary for the whole
//! workspace keeps link times low.

mod bot;
mod browser;
mod channels;
mod cli;
mod complaint;
mod crash;
mod harness;
mod ledger;
mod notify;
mod plan;
mod query;
mod tip;
