"""Partner institutions: register one, and link it to a city as a standing partner.

Same order of checks as every write (see `services.projects`). Registering the same
institution again is not a duplicate: it is found by its id and linked if a city is given.
"""

from __future__ import annotations

from dataclasses import dataclass

from graph.dataset import Props
from graph.statements import writes as statements
from names import fold_name
from services.core import Service, Written, after_write
from services.errors import FieldPath, InvalidInput, Missing
from services.policy import Viewer, is_secretariat, require_city, require_writer
from services.rules import (
    TITLE_MAX,
    converted,
    own_id,
    reference,
    require_existing,
    required_text,
    same_institution,
    year,
)


@dataclass(frozen=True, slots=True)
class NewInstitution:
    name: str
    kind: str
    country: str
    slug: str | None = None
    website: str | None = None
    city: str | None = None  # a partner city; a focal point's own city when it registers
    since_year: int | None = None


@dataclass(frozen=True, slots=True)
class InstitutionLink:
    institution: str
    city: str
    since_year: int | None = None  # not given: the year already recorded stays


@dataclass(frozen=True, slots=True)
class Linked:
    institution: Props
    city: Props
    since_year: int | None


class Institutions(Service):
    @after_write
    async def register(self, viewer: Viewer, new: NewInstitution) -> Written:
        require_writer(viewer, "register an institution")
        city = new.city if new.city is not None or is_secretariat(viewer) else viewer.city
        if city is not None:
            require_city(viewer, city, ("city",), "register an institution")
        name = required_text(new.name, ("name",), limit=TITLE_MAX)
        institution = own_id(new.slug, name, ("slug",), ("name",))
        country: str | None = converted("iso2", new.country, ("country",))
        if country is None:  # an empty code converts to nothing, and a country is required
            raise InvalidInput("`country` is required", ("country",))
        props: Props = {
            "name": name,
            "search_name": fold_name(name),
            "kind": new.kind,
            "website": converted("url", new.website, ("website",)),
        }
        since = year(new.since_year, ("since_year",))
        if since is not None and city is None:
            raise InvalidInput("`since_year` needs a `city` to partner with", ("since_year",))
        await require_existing(self.store, "Country", [(country, ("country",))])
        if city is not None:
            await require_existing(self.store, "City", [(city, ("city",))])
        id_path: FieldPath = ("slug",) if new.slug is not None else ("name",)
        for _ in range(2):
            rows = await self.store.run(statements.INSTITUTION_STATE, institution=institution)
            if rows:
                same_institution(institution, rows[0], props, country, id_path)
                if city is not None:
                    await self.store.run(
                        statements.LINK_INSTITUTION,
                        institution=institution,
                        city=city,
                        since_year=since,
                    )
                return Written(dict(rows[0]["props"]), created=False)
            rows = await self.store.run(
                statements.CREATE_INSTITUTION,
                institution=institution,
                country=country,
                props={k: v for k, v in props.items() if v is not None},
                city=city,
                since_year=since,
            )
            if rows:
                return Written(dict(rows[0]["props"]))
        raise InvalidInput(f"institution {institution!r} is being written by someone else", id_path)

    @after_write
    async def link(self, viewer: Viewer, link: InstitutionLink) -> Linked:
        require_writer(viewer, "link an institution to a city")
        institution = reference(link.institution, ("institution",))
        city = reference(link.city, ("city",))
        require_city(viewer, city, ("city",), "link an institution")
        since = year(link.since_year, ("since_year",))
        await require_existing(self.store, "PartnerInstitution", [(institution, ("institution",))])
        await require_existing(self.store, "City", [(city, ("city",))])
        rows = await self.store.run(
            statements.LINK_INSTITUTION, institution=institution, city=city, since_year=since
        )
        if not rows:  # removed between the check and the write
            raise Missing(f"no city with id {city!r}", ("city",), city)
        row = rows[0]
        return Linked(dict(row["institution"]), dict(row["city"]), row["since_year"])
