"""New API's public ``GET /api/pricing``: each model's ratios, as recorded (fixtures */usage/u80).

One API publishes no prices (its users see only the model names of their group), so the route is New
API's alone. Ratios are New API's units: a model ratio of 1 costs $2 per million prompt tokens, and the
completion ratio multiplies that for the answer.
"""

from __future__ import annotations

from typing import Any

from openkey_gui.demo.flavors import ONE_API
from openkey_gui.demo.relay import no_such_route
from openkey_gui.demo.wire import Reply, Request, json_reply

# (model ratio, completion ratio); models not listed cost ratio 1.
RATIOS = {
    "gpt-4o": (1.25, 4), "gpt-4o-mini": (0.075, 4), "deepseek-chat": (0.135, 1),
    "claude-3-7-sonnet-20250219": (1.5, 5), "text-embedding-3-small": (0.01, 1),
}
GROUP_RATIO = {"default": 1, "vip": 1.5}
VENDORS = {"gpt": 1, "text": 1, "claude": 2, "deepseek": 3}


def get_pricing(api: Any, request: Request) -> Reply:
    if api.flavor.name == ONE_API:
        return no_such_route(request)
    data = []
    for name in api.config.models:
        ratio, completion = RATIOS.get(name, (1, 1))
        vendor = next((v for prefix, v in VENDORS.items() if name.startswith(prefix)), 1)
        data.append({"model_name": name, "vendor_id": vendor, "quota_type": 0, "model_ratio": ratio,
                     "model_price": 0, "owner_by": "", "completion_ratio": completion,
                     "enable_groups": ["default", "vip"], "supported_endpoint_types": ["openai"]})
    return json_reply({"auto_groups": ["default"], "data": data, "group_ratio": dict(GROUP_RATIO),
                       "success": True, "usable_group": {"default": "默认分组", "vip": "vip分组"}})
